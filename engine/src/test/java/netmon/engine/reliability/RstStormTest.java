package netmon.engine.reliability;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import netmon.engine.builtin.Builtins;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionLost;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RST storms mid-write: clients read a little of a large response, then reset the connection (SO_LINGER 0
 * and close) while the server still has megabytes to write. Each server connection must end exactly once
 * with ConnectionLost, the loop must go on, and nothing may leak.
 */
@Timeout(120)
class RstStormTest {
    private static final int CLIENTS = 300;
    private static final byte[] MIB = new byte[1024 * 1024];

    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception { h.close(); }

    /** Writes 4 MiB as soon as connected, and 1 MiB more for anything it hears. */
    static final class Firehose extends Protocol {
        static final Map<Firehose, Integer> LOST = new ConcurrentHashMap<>();
        static final AtomicInteger MADE = new AtomicInteger();
        volatile Failure reason;

        @Override public void connectionMade() {
            MADE.incrementAndGet();
            for (int i = 0; i < 4; i++) transport.write(MIB);
        }

        @Override public void dataReceived(byte[] data) { transport.write(MIB); }

        @Override public void connectionLost(Failure r) {
            reason = r;
            LOST.merge(this, 1, Integer::sum);
        }
    }

    @Test
    void resetsWhileTheServerIsWritingEndEachConnectionOnceAndLeakNothing() throws Exception {
        Firehose.LOST.clear();
        Firehose.MADE.set(0);
        ListeningPort port = h.listen(Factory.forProtocol(Firehose::new));
        int p = port.getHost().port();
        int fdsBefore = Harness.openDescriptors();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < CLIENTS) {
                        Socket s = new Socket();
                        s.setReceiveBufferSize(8 * 1024);
                        s.connect(new InetSocketAddress("127.0.0.1", p), 5000);
                        s.setSoTimeout(10_000);
                        if (i % 2 == 0) s.getOutputStream().write('!'); // some ask for more mid-write
                        byte[] some = s.getInputStream().readNBytes(1000 + i * 37);
                        if (some.length == 0) throw new AssertionError("nothing received before the reset");
                        s.setSoLinger(true, 0);
                        s.close(); // RST, with megabytes still queued on the server
                    }
                } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                }
            }, "rst-" + t);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) th.join();
        if (failed.get() != null) throw new AssertionError("a client failed", failed.get());

        assertTrue(Harness.await(20_000, () -> Firehose.LOST.size() == CLIENTS),
                "every server connection ended: " + Firehose.LOST.size() + " of " + CLIENTS);
        assertEquals(CLIENTS, Firehose.MADE.get());
        assertTrue(Firehose.LOST.values().stream().allMatch(n -> n == 1), "connectionLost exactly once each");
        for (Firehose f : Firehose.LOST.keySet()) {
            assertNotNull(f.reason.check(ConnectionLost.class), "a reset is ConnectionLost, got " + f.reason);
        }
        assertEquals(0, h.openConnections());
        assertTrue(Harness.openDescriptors() <= fdsBefore + 2, "descriptors " + fdsBefore + " -> " + Harness.openDescriptors());

        // The loop survived: the same reactor still echoes on a new listener.
        ListeningPort echo = h.listen(Builtins.echoFactory());
        try (Socket s = Harness.connect(echo)) {
            s.getOutputStream().write("alive".getBytes());
            assertEquals("alive", new String(s.getInputStream().readNBytes(5)));
        }
    }
}
