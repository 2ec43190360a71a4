package netmon.engine.reliability;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import netmon.engine.builtin.Builtins;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.ListeningPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that stall, never read, or half-close and never read, all at once against the echo built-in:
 * a well-behaved client beside them is still served promptly, the server's buffering stays bounded, and
 * everything is released once they go. (An exception in each protocol callback dropping only that
 * connection is pinned by TcpTransportTest.exceptionsInProtocolCallbacksDropOnlyThatConnection; the
 * half-closing client that does read is TcpTransportTest.plainEchoStillDeliversEveryEchoedByteWhenTheClientHalfCloses.)
 */
@Timeout(60)
class MisbehavingClientsTest {
    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception { h.close(); }

    /** Writes without reading until the connection stops accepting bytes; returns the bytes sent. */
    private static long floodUntilStuck(SocketChannel ch) throws Exception {
        ch.configureBlocking(false);
        ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
        long sent = 0;
        int idle = 0;
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (idle < 50 && System.nanoTime() < deadline) {
            buf.clear();
            int n = ch.write(buf);
            if (n == 0) {
                idle++;
                Thread.sleep(10);
            } else {
                idle = 0;
                sent += n;
            }
        }
        return sent;
    }

    @Test
    void stalledNonReadingAndHalfClosedClientsCannotStarveOrBloatTheServer() throws Exception {
        AtomicLong maxBuffered = new AtomicLong();
        h.reactor.monitor().add(new MonitorListener() {
            @Override public void outboundBuffer(long id, long bytes, boolean paused) { maxBuffered.accumulateAndGet(bytes, Math::max); }
        });
        ListeningPort port = h.listen(Builtins.echoFactory());
        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port.getHost().port());
        int fdsBefore = Harness.openDescriptors();
        List<AutoCloseable> bad = new ArrayList<>();
        try {
            // Stallers: connect and say nothing, one of them mid-"line".
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket();
                s.connect(addr, 5000);
                if (i == 0) s.getOutputStream().write("half a li".getBytes());
                bad.add(s);
            }
            // Never-readers: push until the kernel buffers on both sides are full.
            for (int i = 0; i < 3; i++) {
                SocketChannel ch = SocketChannel.open(addr);
                bad.add(ch);
                long sent = floodUntilStuck(ch);
                assertTrue(sent < 64L * 1024 * 1024, "writes stall long before 64 MiB: " + sent);
            }
            // Half-closers that never read: send a burst, FIN, and leave the echo unread.
            for (int i = 0; i < 3; i++) {
                SocketChannel ch = SocketChannel.open(addr);
                bad.add(ch);
                floodUntilStuck(ch);
                ch.shutdownOutput();
            }
            assertTrue(Harness.await(5000, () -> h.openConnections() == 26), "all bad clients connected: " + h.openConnections());

            // A good client beside them gets every echo, each promptly.
            try (Socket good = new Socket()) {
                good.connect(addr, 5000);
                good.setSoTimeout(10_000);
                OutputStream out = good.getOutputStream();
                InputStream in = good.getInputStream();
                long worst = 0;
                for (int i = 0; i < 50; i++) {
                    byte[] msg = ("ping " + i + "\n").getBytes();
                    long t0 = System.nanoTime();
                    out.write(msg);
                    assertArrayEquals(msg, in.readNBytes(msg.length));
                    worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
                }
                assertTrue(worst < 2000, "worst echo round trip " + worst + " ms");
            }
            // Six connections with unread echoes: each held to about 1 MiB by backpressure.
            assertTrue(maxBuffered.get() <= 1024 * 1024 + 256 * 1024, "largest outbound buffer " + maxBuffered.get());
        } finally {
            for (AutoCloseable c : bad) c.close();
        }
        assertTrue(Harness.await(10_000, () -> h.openConnections() == 0), "all released: " + h.openConnections());
        assertTrue(Harness.openDescriptors() <= fdsBefore + 2, "descriptors " + fdsBefore + " -> " + Harness.openDescriptors());
    }
}
