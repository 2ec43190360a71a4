package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.internal.TcpConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Item 112/116: a plain echo must not buffer without bound for a client that never reads. Moderately
 * slow (it pushes until the kernel buffers on both sides are full): a few seconds.
 */
@Timeout(30)
class BackpressureTest {
    private final ReactorFixture fx = new ReactorFixture();

    @AfterEach
    void tearDown() throws Exception { fx.close(); }

    @Test
    void clientThatNeverReadsCannotMakeTheEchoServerHoldMoreThanAboutOneMiB() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        fx.reactor.monitor().add(new MonitorListener() {
            @Override public void outboundBuffer(long id, long bytes, boolean paused) { reports.add(bytes + ":" + paused); }
        });
        ReactorFixture.Echo server = new ReactorFixture.Echo();
        ListeningPort p = fx.listen(() -> server);
        long limit = 200L * 1024 * 1024;
        long sent = 0;
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", p.getHost().port()))) {
            ch.configureBlocking(false);
            ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
            int idle = 0;
            long deadline = System.nanoTime() + 15_000_000_000L;
            // Stop once our writes stall AND the server has paused reading: on a loaded machine a stall
            // alone can just mean the reactor thread has not been scheduled yet.
            while (sent < limit && System.nanoTime() < deadline) {
                buf.clear();
                int n = ch.write(buf);
                if (n == 0) {
                    Thread.sleep(10);
                    if (++idle >= 50) {
                        if (fx.on(() -> ((TcpConnection) server.getTransport()).isReadingPaused())) break;
                        idle = 0;
                    }
                } else {
                    idle = 0;
                    sent += n;
                }
            }
            assertTrue(sent < limit, "the client's writes must stop progressing long before 200 MiB");
            long held = fx.on(() -> server.getTransport().getOutboundBufferSize());
            boolean paused = fx.on(() -> ((TcpConnection) server.getTransport()).isReadingPaused());
            assertTrue(held <= 1024 * 1024, "server holds " + held + " bytes");
            assertTrue(held > 256 * 1024, "over the high-water mark, or it would still be reading: " + held);
            assertTrue(paused, "reading is paused");
            assertTrue(reports.stream().anyMatch(r -> r.endsWith(":true")), "the monitor heard of the pause");

            // Now read everything back: reading resumes and no byte was lost.
            ch.shutdownOutput();
            ByteBuffer in = ByteBuffer.allocate(1 << 20);
            long got = 0;
            ch.configureBlocking(true);
            while (true) {
                in.clear();
                int n = ch.read(in);
                if (n < 0) break;
                got += n;
            }
            assertEquals(sent, got);
        }
        server.lost.get(5, TimeUnit.SECONDS);
    }
}
