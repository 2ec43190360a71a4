package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import netmon.engine.builtin.EchoProtocol;
import netmon.engine.builtin.UdpEchoProtocol;
import netmon.engine.error.ConnectionLost;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Protocol;
import netmon.engine.reactor.internal.BufferReceiver;
import netmon.engine.reactor.internal.DatagramBufferReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The copy-free paths: a {@link BufferReceiver} reads from the reactor's buffer, {@code write(ByteBuffer)}
 * goes straight to the socket when nothing is queued, and the built-in echoes use both.
 */
@Timeout(30)
class DirectWritePathTest {
    private final ReactorFixture fx = new ReactorFixture();

    @AfterEach
    void tearDown() throws Exception { fx.close(); }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Sends {@code data} in chunks of the given sizes (cycled) from a thread and reads it all back. */
    private static byte[] echoThrough(ListeningPort p, byte[] data, int[] chunkSizes) throws Exception {
        try (Socket s = ReactorFixture.connect(p)) {
            OutputStream out = s.getOutputStream();
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    int off = 0;
                    for (int i = 0; off < data.length; i++) {
                        int n = Math.min(chunkSizes[i % chunkSizes.length], data.length - off);
                        out.write(data, off, n);
                        off += n;
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] back = s.getInputStream().readNBytes(data.length);
            sent.get(20, TimeUnit.SECONDS);
            return back;
        }
    }

    @Test
    void builtinEchoReturnsEveryByteWholeOneByteAtATimeAndRandomlySplit() throws Exception {
        ListeningPort p = fx.listen(EchoProtocol::new);
        byte[] whole = random(3 * 1024 * 1024, 1); // more than the socket buffers hold: some of it queues
        assertArrayEquals(whole, echoThrough(p, whole, new int[] {whole.length}));
        byte[] small = random(3000, 2);
        assertArrayEquals(small, echoThrough(p, small, new int[] {1}));
        Random r = new Random(3);
        int[] splits = new int[64];
        for (int i = 0; i < splits.length; i++) splits[i] = 1 + r.nextInt(70_000);
        byte[] mixed = random(2 * 1024 * 1024, 4);
        assertArrayEquals(mixed, echoThrough(p, mixed, splits));
    }

    /** Records what arrives through either path. */
    static final class BufferRecorder extends Protocol implements BufferReceiver {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final CompletableFuture<Void> arrived = new CompletableFuture<>();
        volatile int arrayCalls;
        volatile boolean wasDirect;

        @Override public void dataReceived(byte[] data) { arrayCalls++; }

        @Override public void bufferReceived(ByteBuffer data) {
            wasDirect = data.isDirect();
            byte[] b = new byte[data.remaining()];
            data.get(b);
            synchronized (got) {
                got.write(b, 0, b.length);
                if (got.size() >= 5) arrived.complete(null);
            }
        }
    }

    @Test
    void aBufferReceiverGetsTheReadBufferInsteadOfAnArray() throws Exception {
        BufferRecorder server = new BufferRecorder();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            s.getOutputStream().write("hello".getBytes());
            server.arrived.get(10, TimeUnit.SECONDS);
            synchronized (server.got) {
                assertEquals("hello", server.got.toString());
            }
            assertEquals(0, server.arrayCalls);
            assertTrue(server.wasDirect, "the reactor's read buffer is a direct one");
        }
    }

    @Test
    void aBufferWriteWithNothingQueuedGoesToTheKernelAtOnceAndAnArrayWriteWaitsForTheFlush() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            server.made.get(5, TimeUnit.SECONDS);
            long[] queued = fx.on(() -> {
                server.getTransport().write(ByteBuffer.wrap("direct".getBytes()));
                long afterBuffer = server.getTransport().getOutboundBufferSize();
                server.getTransport().write("queued".getBytes());
                long afterArray = server.getTransport().getOutboundBufferSize();
                return new long[] {afterBuffer, afterArray};
            });
            assertEquals(0, queued[0], "the buffer went to the socket inside the call");
            assertEquals(6, queued[1], "the array waits for the end of the iteration");
            assertEquals("directqueued", new String(s.getInputStream().readNBytes(12)));
        }
    }

    @Test
    void aBufferWriteAfterQueuedBytesQueuesBehindThemInOrder() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            server.made.get(5, TimeUnit.SECONDS);
            long queued = fx.on(() -> {
                server.getTransport().write("first,".getBytes());
                server.getTransport().write(ByteBuffer.wrap("second".getBytes()));
                return server.getTransport().getOutboundBufferSize();
            });
            assertEquals(12, queued);
            assertEquals("first,second", new String(s.getInputStream().readNBytes(12)));
        }
    }

    @Test
    void aFailedDirectWriteLosesTheConnectionAfterTheCallbackNotInsideIt() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        Socket s = ReactorFixture.connect(p);
        server.made.get(5, TimeUnit.SECONDS);
        // Stop reading on the server so it cannot see the reset through a read first.
        fx.run(() -> server.getTransport().pauseProducing());
        s.setSoLinger(true, 0);
        s.close(); // RST
        Thread.sleep(200);
        List<Integer> lostCountsSeen = fx.on(() -> {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 50 && server.lostCount == 0; i++) {
                server.getTransport().write(ByteBuffer.wrap(new byte[1024]));
                seen.add(server.lostCount);
            }
            return seen;
        });
        assertTrue(lostCountsSeen.stream().allMatch(c -> c == 0), "connectionLost ran inside the callback: " + lostCountsSeen);
        assertEquals(ConnectionLost.class, server.lost.get(10, TimeUnit.SECONDS).getType());
        assertEquals(1, server.lostCount);
    }

    @Test
    void directWritesAreReportedToTheMonitorByteForByte() throws Exception {
        AtomicLong out = new AtomicLong();
        fx.reactor.monitor().add(new MonitorListener() {
            @Override public void bytesSent(long id, ByteBuffer d) { out.addAndGet(d.remaining()); }
        });
        ListeningPort p = fx.listen(EchoProtocol::new);
        byte[] data = random(200_000, 5);
        assertArrayEquals(data, echoThrough(p, data, new int[] {777}));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.get() < data.length && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(data.length, out.get());
    }

    @Test
    void builtinUdpEchoAnswersEverySizeFromTheReceiveBuffer() throws Exception {
        ListeningPortHolder h = new ListeningPortHolder();
        int port = fx.on(() -> {
            h.port = fx.reactor.listenUDP(0, new UdpEchoProtocol(), "127.0.0.1", UdpEchoProtocol.MAX_DATAGRAM);
            return h.port.getHost().port();
        });
        try (DatagramSocket c = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            c.setSoTimeout(5000);
            for (int size : new int[] {0, 1, 1024, 9000, UdpEchoProtocol.MAX_DATAGRAM}) {
                byte[] data = random(size, size);
                c.send(new DatagramPacket(data, size, InetAddress.getByName("127.0.0.1"), port));
                DatagramPacket back = new DatagramPacket(new byte[65536], 65536);
                c.receive(back);
                assertArrayEquals(data, Arrays.copyOf(back.getData(), back.getLength()), "size " + size);
            }
        }
    }

    static final class ListeningPortHolder {
        ListeningPort port;
    }

    /** Records which path a datagram came through. */
    static final class DatagramBufferRecorder extends DatagramProtocol implements DatagramBufferReceiver {
        final CompletableFuture<String> got = new CompletableFuture<>();
        volatile int arrayCalls;

        @Override public void datagramReceived(byte[] data, Address from) { arrayCalls++; }

        @Override public void datagramBufferReceived(ByteBuffer data, Address from) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            got.complete(new String(b) + " from " + from.host());
        }
    }

    @Test
    void aDatagramBufferReceiverGetsTheDatagramInsteadOfAnArray() throws Exception {
        DatagramBufferRecorder proto = new DatagramBufferRecorder();
        int port = fx.on(() -> fx.reactor.listenUDP(0, proto, "127.0.0.1", 2048).getHost().port());
        try (DatagramSocket c = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            byte[] data = "ping".getBytes();
            c.send(new DatagramPacket(data, data.length, InetAddress.getByName("127.0.0.1"), port));
            assertEquals("ping from 127.0.0.1", proto.got.get(10, TimeUnit.SECONDS));
            assertEquals(0, proto.arrayCalls);
        }
    }
}
