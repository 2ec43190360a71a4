package netmon.engine.capture;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import netmon.engine.builtin.Builtins;
import netmon.engine.monitor.CloseReason;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.SelectReactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The recorder attached to a real SelectReactor running the built-in echo and udp-echo on 127.0.0.1. */
@Timeout(60)
class CaptureReactorTest {
    private final SelectReactor reactor = new SelectReactor();
    private final Thread loop = reactor.startThread("capture-test-reactor");
    private final CaptureRecorder recorder = new CaptureRecorder();
    @TempDir Path dir;

    CaptureReactorTest() {
        reactor.monitor().add(recorder);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (reactor.isRunning()) reactor.stop();
        loop.join(10_000);
    }

    private <T> T on(Supplier<T> fn) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            try {
                f.complete(fn.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    static byte[] stream(CapturedConnection c, Direction d) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Chunk k : c.chunks()) if (k.direction() == d) o.writeBytes(k.bytes());
        return o.toByteArray();
    }

    /** Sends {@code data} in random chunks while reading the echo; half-closes; returns what came back. */
    static byte[] echoThrough(int port, byte[] data, Random rnd) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            CompletableFuture<byte[]> back = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (InputStream in = s.getInputStream()) {
                    back.complete(in.readAllBytes());
                } catch (Exception e) {
                    back.completeExceptionally(e);
                }
            });
            reader.start();
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < data.length; ) {
                int n = Math.min(data.length - i, 1 + rnd.nextInt(40_000));
                out.write(data, i, n);
                out.flush();
                i += n;
            }
            s.shutdownOutput();
            return back.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void echoTrafficIsRecordedInOrderBothWays() throws Exception {
        ListeningPort port = on(() -> reactor.listenTCP(0, Builtins.echoFactory(), 50, "127.0.0.1"));
        byte[] data = new byte[300_000];
        Random rnd = new Random(1);
        rnd.nextBytes(data);
        byte[] back = echoThrough(port.getHost().port(), data, rnd);
        assertArrayEquals(data, back);
        await(() -> !recorder.snapshot().connections().isEmpty()
                && recorder.snapshot().connections().get(0).isClosed(), "the connection to close");
        CapturedConnection c = recorder.snapshot().connections().get(0);
        assertArrayEquals(data, stream(c, Direction.IN));
        assertArrayEquals(data, stream(c, Direction.OUT));
        assertEquals(data.length, c.bytesIn());
        assertEquals(data.length, c.bytesOut());
        assertEquals(0, c.notKept());
        assertEquals("echo", c.service());
        assertEquals(port.listenerId(), c.listenerId());
        assertEquals(port.getHost(), c.host());
        assertEquals(CloseReason.DONE, c.closeReason());
        assertTrue(c.peerClosedFirst());
        // Every OUT chunk follows the IN bytes it echoes: an echo never sends what it has not received.
        for (Chunk k : c.chunks()) {
            if (k.direction() == Direction.OUT) assertTrue(k.otherOffset() >= k.offset() + k.size(), k.toString());
        }
    }

    @Test
    void budgetKeepsOnlyTheNewestBytesOfARealConnection() throws Exception {
        recorder.setByteBudget(10_000);
        ListeningPort port = on(() -> reactor.listenTCP(0, Builtins.echoFactory(), 50, "127.0.0.1"));
        byte[] data = new byte[100_000];
        Random rnd = new Random(2);
        rnd.nextBytes(data);
        assertArrayEquals(data, echoThrough(port.getHost().port(), data, rnd));
        await(() -> recorder.snapshot().connections().stream().anyMatch(CapturedConnection::isClosed), "close");
        CapturedConnection c = recorder.snapshot().connections().get(0);
        long kept = c.chunks().stream().mapToLong(Chunk::size).sum();
        assertTrue(kept <= 10_000, "kept " + kept);
        assertEquals(2L * data.length - kept, c.notKept());
        byte[] lastOut = stream(c, Direction.OUT);
        Chunk firstOut = c.chunks().stream().filter(k -> k.direction() == Direction.OUT).findFirst().orElseThrow();
        assertArrayEquals(java.util.Arrays.copyOfRange(data, (int) firstOut.offset(), data.length), lastOut);
    }

    @Test
    void listenerSwitchedOffKeepsNoBytesButStillTracksItsConnectionWhileAnotherListenerIsRecorded() throws Exception {
        ListeningPort off = on(() -> reactor.listenTCP(0, Builtins.echoFactory(), 50, "127.0.0.1"));
        ListeningPort onPort = on(() -> reactor.listenTCP(0, Builtins.echoFactory(), 50, "127.0.0.1"));
        recorder.setListenerEnabled(off.listenerId(), false);
        byte[] one = "not for capture".getBytes(StandardCharsets.UTF_8);
        byte[] two = "captured".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(one, echoThrough(off.getHost().port(), one, new Random(3)));
        assertArrayEquals(two, echoThrough(onPort.getHost().port(), two, new Random(3)));
        await(() -> recorder.snapshot().connections().stream().filter(CapturedConnection::isClosed).count() == 2,
                "both closed");
        List<CapturedConnection> cs = recorder.snapshot().connections();
        assertEquals(2, cs.size());
        CapturedConnection notCaptured = cs.get(0);
        assertEquals(off.listenerId(), notCaptured.listenerId());
        assertEquals(List.of(), notCaptured.chunks());
        assertEquals(one.length, notCaptured.bytesIn());
        assertEquals(one.length, notCaptured.bytesOut());
        assertEquals(2L * one.length, notCaptured.notKept());
        assertFalse(recorder.isCapturing(notCaptured.listenerId(), notCaptured.service()));
        assertEquals(onPort.listenerId(), cs.get(1).listenerId());
        assertArrayEquals(two, stream(cs.get(1), Direction.IN));
    }

    @Test
    void udpEchoDatagramsAreRecordedPerFlowAndWrittenAsUdp() throws Exception {
        ListeningPort port = on(() -> reactor.listenUDP(0, Builtins.udpEchoProtocol(), "127.0.0.1", 65535));
        List<String> sent = List.of("one", "two two", "three three three");
        Address peer;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(5000);
            peer = new Address("UDP", "127.0.0.1", s.getLocalPort());
            for (String m : sent) {
                byte[] b = m.getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port.getHost().port())));
                DatagramPacket p = new DatagramPacket(new byte[100], 100);
                s.receive(p);
                assertEquals(m, new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
            }
        }
        await(() -> recorder.flow(port.listenerId(), peer).map(f -> f.datagramsOut() == 3).orElse(false), "3 echoes");
        CapturedFlow f = recorder.flow(port.listenerId(), peer).orElseThrow();
        List<String> got = new ArrayList<>();
        for (Chunk k : f.datagrams()) got.add(k.direction() + " " + new String(k.bytes(), StandardCharsets.UTF_8));
        assertEquals(List.of("IN one", "OUT one", "IN two two", "OUT two two", "IN three three three",
                "OUT three three three"), got);

        Path file = dir.resolve("udp.pcapng");
        new PcapngWriter().writeAsync(recorder.snapshot(), file).get(30, TimeUnit.SECONDS);
        List<String> payloads = Tshark.udpPayloads(file).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("one", "one", "two two", "two two", "three three three", "three three three"), payloads);
        assertEquals(List.of(), Tshark.expertErrors(file));
    }

    @Test
    void aRealEchoSessionWrittenAsPcapngFollowsAsTheSameBytes() throws Exception {
        recorder.setByteBudget(4L << 20); // 1 MiB each way: more than the default budget holds
        ListeningPort port = on(() -> reactor.listenTCP(0, Builtins.echoFactory(), 50, "127.0.0.1"));
        byte[] data = new byte[1 << 20];
        Random rnd = new Random(4);
        rnd.nextBytes(data);
        assertArrayEquals(data, echoThrough(port.getHost().port(), data, rnd));
        await(() -> recorder.snapshot().connections().stream().anyMatch(CapturedConnection::isClosed), "close");
        Path file = dir.resolve("echo.pcapng");
        new PcapngWriter().writeAsync(recorder.snapshot(), file).get(30, TimeUnit.SECONDS);
        Tshark.Followed s = Tshark.followTcp(file, 0);
        assertEquals(port.getHost().hostPort(), s.node1());
        assertArrayEquals(data, s.fromClient());
        assertArrayEquals(data, s.fromServer());
        assertEquals(List.of(), Tshark.expertErrors(file));
    }
}
