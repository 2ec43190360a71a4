package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import netmon.engine.defer.Failure;
import netmon.engine.error.CannotListenError;
import netmon.engine.error.ConnectionAborted;
import netmon.engine.error.ConnectionDone;
import netmon.engine.error.ConnectionLost;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.ListeningPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TcpTransportTest {
    private final ReactorFixture fx = new ReactorFixture();

    @AfterEach
    void tearDown() throws Exception { fx.close(); }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void listenOnPortZeroReportsTheRealPort() {
        ListeningPort p = fx.listen(ReactorFixture.Recorder::new);
        Address a = p.getHost();
        assertEquals("TCP", a.type());
        assertEquals("127.0.0.1", a.host());
        assertTrue(a.port() > 0);
        ListeningPort q = fx.listen(ReactorFixture.Recorder::new);
        assertNotEquals(p.listenerId(), q.listenerId());
    }

    @Test
    void portInUseRaisesCannotListenErrorSynchronously() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            CannotListenError e = assertThrows(CannotListenError.class, () -> fx.on(() ->
                    fx.reactor.listenTCP(taken.getLocalPort(), Factory.forProtocol(ReactorFixture.Recorder::new), 50, "127.0.0.1")));
            assertEquals(taken.getLocalPort(), e.getPort());
            assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
        }
    }

    @Test
    void factoryIsStartedAndStoppedWithThePort() throws Exception {
        int[] counts = new int[2];
        Factory f = new Factory() {
            @Override public netmon.engine.protocol.Protocol buildProtocol(Address a) { return new ReactorFixture.Recorder(); }
            @Override public void startFactory() { counts[0]++; }
            @Override public void stopFactory() { counts[1]++; }
        };
        ListeningPort p = fx.on(() -> fx.reactor.listenTCP(0, f, 50, "127.0.0.1"));
        assertEquals(1, fx.on(() -> counts[0]));
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        fx.run(() -> p.stopListening().addCallback(v -> stopped.complete(null)));
        stopped.get(5, TimeUnit.SECONDS);
        assertEquals(1, fx.on(() -> counts[1]));
    }

    @Test
    void stopListeningStopsAcceptingButKeepsEstablishedConnections() throws Exception {
        ReactorFixture.Echo server = new ReactorFixture.Echo();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            server.made.get(5, TimeUnit.SECONDS);
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            fx.run(() -> p.stopListening().addCallback(v -> stopped.complete(null)));
            stopped.get(5, TimeUnit.SECONDS);
            s.getOutputStream().write("still here".getBytes());
            byte[] back = s.getInputStream().readNBytes(10);
            assertEquals("still here", new String(back));
            try (Socket s2 = new Socket()) {
                assertThrows(IOException.class, () -> s2.connect(new java.net.InetSocketAddress("127.0.0.1", p.getHost().port()), 2000));
            }
        }
    }

    @Test
    void buildProtocolReturningNullClosesTheSocket() throws Exception {
        Factory f = new Factory() {
            @Override public netmon.engine.protocol.Protocol buildProtocol(Address a) { return null; }
        };
        ListeningPort p = fx.on(() -> fx.reactor.listenTCP(0, f, 50, "127.0.0.1"));
        try (Socket s = ReactorFixture.connect(p)) {
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void getPeerAndGetHostAreNumericAndMirrorTheClient() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            server.made.get(5, TimeUnit.SECONDS);
            Address peer = fx.on(() -> server.getTransport().getPeer());
            Address host = fx.on(() -> server.getTransport().getHost());
            assertEquals(new Address("TCP", "127.0.0.1", s.getLocalPort()), peer);
            assertEquals(new Address("TCP", "127.0.0.1", p.getHost().port()), host);
            assertTrue(fx.on(() -> server.getTransport().connectionId()) > 0);
        }
    }

    @Test
    void echoOf20MiBAcrossManyPartialWritesArrivesInOrder() throws Exception {
        ListeningPort p = fx.listen(ReactorFixture.Echo::new);
        byte[] data = random(20 * 1024 * 1024);
        try (Socket s = ReactorFixture.connect(p)) {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    Random rnd = new Random(1);
                    int off = 0;
                    while (off < data.length) {
                        int n = Math.min(data.length - off, 1 + rnd.nextInt(100_000));
                        out.write(data, off, n);
                        off += n;
                    }
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            byte[] back = readAll(s.getInputStream());
            writer.join();
            assertEquals(data.length, back.length);
            assertArrayEquals(data, back);
        }
    }

    @Test
    void manySmallWritesInOneCallbackArriveInOrderEvenWhenTheCallerReusesItsArray() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        Random rnd = new Random(7);
        try (Socket s = ReactorFixture.connect(p)) {
            server.made.get(5, TimeUnit.SECONDS);
            fx.run(() -> {
                byte[] scratch = new byte[9000];
                long queued = 0;
                for (int i = 0; i < 3000; i++) {
                    // Mostly chat-sized lines, sometimes one bigger than the coalescing chunk.
                    int n = i % 97 == 0 ? 5000 + rnd.nextInt(4000) : 1 + rnd.nextInt(300);
                    rnd.nextBytes(scratch);
                    byte[] w = Arrays.copyOf(scratch, n);
                    want.write(w, 0, n);
                    server.getTransport().write(w);
                    Arrays.fill(w, (byte) 0); // the transport must have copied what it keeps
                    queued += n;
                    assertEquals(queued, server.getTransport().getOutboundBufferSize());
                }
            });
            byte[] expected = want.toByteArray();
            byte[] got = s.getInputStream().readNBytes(expected.length);
            assertArrayEquals(expected, got);
            assertEquals(0L, (long) fx.on(() -> server.getTransport().getOutboundBufferSize()));
        }
    }

    @Test
    void writeAfterLoseConnectionIsStillFlushedAndConnectionDoneFollowsOnce() throws Exception {
        byte[] big = random(3 * 1024 * 1024);
        ReactorFixture.Recorder server = new ReactorFixture.Recorder() {
            @Override public void connectionMade() {
                super.connectionMade();
                transport.write(big);
                transport.loseConnection();
                transport.loseConnection();
                transport.write("tail".getBytes());
            }
        };
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            byte[] got = readAll(s.getInputStream());
            byte[] want = Arrays.copyOf(big, big.length + 4);
            System.arraycopy("tail".getBytes(), 0, want, big.length, 4);
            assertArrayEquals(want, got);
            Failure f = server.lost.get(5, TimeUnit.SECONDS);
            assertNotNull(f.check(ConnectionDone.class));
            assertEquals(1, server.lostCount);
        }
    }

    @Test
    void emptyWritesAreIgnoredAndNullIsRejected() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            server.made.get(5, TimeUnit.SECONDS);
            fx.run(() -> {
                server.getTransport().write(new byte[0]);
                server.getTransport().write(java.nio.ByteBuffer.allocate(0));
                assertEquals(0, server.getTransport().getOutboundBufferSize());
                assertThrows(NullPointerException.class, () -> server.getTransport().write((byte[]) null));
                server.getTransport().writeSequence(List.of("a".getBytes(), "bc".getBytes()));
                server.getTransport().write(java.nio.ByteBuffer.wrap("de".getBytes()));
            });
            assertEquals("abcde", new String(s.getInputStream().readNBytes(5)));
        }
    }

    @Test
    void clientCloseGivesConnectionDoneExactlyOnceAndLaterWritesAreDropped() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        Socket s = ReactorFixture.connect(p);
        server.made.get(5, TimeUnit.SECONDS);
        s.close();
        assertNotNull(server.lost.get(5, TimeUnit.SECONDS).check(ConnectionDone.class));
        fx.run(() -> {
            server.getTransport().write("after".getBytes());
            server.getTransport().loseConnection();
            server.getTransport().abortConnection();
        });
        fx.on(() -> null);
        Thread.sleep(50);
        assertEquals(1, server.lostCount);
        assertEquals(List.of("made", "lost:ConnectionDone"), server.events);
    }

    @Test
    void peerResetGivesConnectionLostOnce() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        Socket s = ReactorFixture.connect(p);
        server.made.get(5, TimeUnit.SECONDS);
        s.setSoLinger(true, 0);
        s.close();
        Failure f = server.lost.get(5, TimeUnit.SECONDS);
        assertNotNull(f.check(ConnectionLost.class));
        assertNull(f.check(ConnectionAborted.class));
        Thread.sleep(50);
        assertEquals(1, server.lostCount);
    }

    @Test
    void abortConnectionFromDataReceivedGivesConnectionAbortedAsynchronouslyOnceAndThePeerSeesAReset() throws Exception {
        List<String> log = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ReactorFixture.Recorder server = new ReactorFixture.Recorder() {
            @Override public void dataReceived(byte[] data) {
                transport.write("never sent".getBytes());
                transport.abortConnection();
                log.add("abort returned, lost so far " + lostCount);
                transport.abortConnection();
                transport.loseConnection();
            }
        };
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            s.getOutputStream().write("x".getBytes());
            Failure f = server.lost.get(5, TimeUnit.SECONDS);
            assertNotNull(f.check(ConnectionAborted.class));
            assertEquals(List.of("abort returned, lost so far 0"), log);
            Thread.sleep(50);
            assertEquals(1, server.lostCount);
            InputStream in = s.getInputStream();
            assertThrows(SocketException.class, () -> {
                int b = in.read();
                // A reset may surface on the next read or write rather than this one.
                for (int i = 0; i < 50 && b != -1; i++) b = in.read();
                s.getOutputStream().write(new byte[1024]);
                s.getOutputStream().write(new byte[1024]);
                in.read();
            }, "the peer sees a reset");
        }
    }

    @Test
    void plainEchoStillDeliversEveryEchoedByteWhenTheClientHalfCloses() throws Exception {
        ListeningPort p = fx.listen(ReactorFixture.Echo::new);
        byte[] data = random(2 * 1024 * 1024);
        try (Socket s = ReactorFixture.connect(p)) {
            Thread w = new Thread(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            w.start();
            byte[] back = readAll(s.getInputStream());
            w.join();
            assertArrayEquals(data, back);
        }
    }

    /** A half-closeable echo that answers "bye" when the peer half-closes, then closes. */
    static class HalfEcho extends ReactorFixture.Recorder implements HalfCloseableProtocol {
        @Override public void dataReceived(byte[] data) {
            super.dataReceived(data);
            transport.write(data);
        }

        @Override public void readConnectionLost() {
            events.add("readConnectionLost");
            transport.write("bye".getBytes());
            transport.loseConnection();
        }
    }

    @Test
    void halfCloseableProtocolGetsReadConnectionLostAndCanStillWrite() throws Exception {
        HalfEcho server = new HalfEcho();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            s.getOutputStream().write("hello".getBytes());
            s.shutdownOutput();
            assertEquals("hellobye", new String(readAll(s.getInputStream())));
            assertNotNull(server.lost.get(5, TimeUnit.SECONDS).check(ConnectionDone.class));
            assertEquals(List.of("made", "readConnectionLost", "lost:ConnectionDone"), server.events);
        }
    }

    @Test
    void loseWriteConnectionSendsEofAndCallsWriteConnectionLostThenPeerCloseEndsIt() throws Exception {
        class Half extends ReactorFixture.Recorder implements HalfCloseableProtocol {
            @Override public void connectionMade() {
                super.connectionMade();
                transport.write("data then FIN".getBytes());
                transport.loseWriteConnection();
                transport.write("ignored".getBytes());
            }
            @Override public void readConnectionLost() { events.add("readConnectionLost"); }
            @Override public void writeConnectionLost() { events.add("writeConnectionLost"); }
        }
        Half server = new Half();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            assertEquals("data then FIN", new String(readAll(s.getInputStream())));
            s.getOutputStream().write("still reading".getBytes());
            s.shutdownOutput();
            assertNotNull(server.lost.get(5, TimeUnit.SECONDS).check(ConnectionDone.class));
            assertEquals("still reading", new String(server.receivedBytes()));
            assertEquals(List.of("made", "writeConnectionLost", "readConnectionLost", "lost:ConnectionDone"), server.events);
        }
    }

    @Test
    void exceptionsInProtocolCallbacksDropOnlyThatConnection() throws Exception {
        ReactorFixture.Recorder inMade = new ReactorFixture.Recorder() {
            @Override public void connectionMade() {
                super.connectionMade();
                throw new IllegalStateException("connectionMade boom (expected by test)");
            }
        };
        ReactorFixture.Recorder inData = new ReactorFixture.Recorder() {
            @Override public void dataReceived(byte[] d) { throw new IllegalStateException("dataReceived boom (expected by test)"); }
        };
        ReactorFixture.Recorder inLost = new ReactorFixture.Recorder() {
            @Override public void connectionLost(Failure reason) {
                super.connectionLost(reason);
                throw new IllegalStateException("connectionLost boom (expected by test)");
            }
        };
        ReactorFixture.Echo bystander = new ReactorFixture.Echo();
        java.util.ArrayDeque<ReactorFixture.Recorder> next = new java.util.ArrayDeque<>(List.of(bystander, inMade, inData, inLost));
        ListeningPort p = fx.listen(next::poll);
        try (Socket b = ReactorFixture.connect(p)) {
            bystander.made.get(5, TimeUnit.SECONDS);

            try (Socket s = ReactorFixture.connect(p)) {
                Failure f = inMade.lost.get(5, TimeUnit.SECONDS);
                assertNotNull(f.check(ConnectionLost.class));
                assertTrue(f.getValue().getCause() instanceof IllegalStateException);
                assertEquals(-1, s.getInputStream().read());
            }
            try (Socket s = ReactorFixture.connect(p)) {
                s.getOutputStream().write(1);
                Failure f = inData.lost.get(5, TimeUnit.SECONDS);
                assertNotNull(f.check(ConnectionLost.class));
                assertEquals("dataReceived boom (expected by test)", f.getValue().getCause().getMessage());
            }
            try (Socket s = ReactorFixture.connect(p)) {
                inLost.made.get(5, TimeUnit.SECONDS);
            }
            inLost.lost.get(5, TimeUnit.SECONDS);
            // A callLater callback that throws does not hurt anyone either.
            fx.run(() -> fx.reactor.callLater(0, () -> { throw new IllegalStateException("timed boom (expected by test)"); }));

            b.getOutputStream().write("ok".getBytes());
            assertEquals("ok", new String(b.getInputStream().readNBytes(2)));
            assertEquals(1, inMade.lostCount);
            assertEquals(1, inData.lostCount);
            assertEquals(1, inLost.lostCount);
            assertEquals(0, bystander.lostCount);
            assertEquals(1, fx.on(() -> fx.reactor.openConnectionCount()));
        }
    }

    @Test
    void transportPauseProducingStopsReadingAndResumeRestartsIt() throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(p)) {
            server.made.get(5, TimeUnit.SECONDS);
            fx.run(() -> server.getTransport().pauseProducing());
            s.getOutputStream().write("held".getBytes());
            Thread.sleep(150);
            assertEquals(0, server.receivedBytes().length);
            fx.run(() -> server.getTransport().resumeProducing());
            long end = System.nanoTime() + 5_000_000_000L;
            while (server.receivedBytes().length < 4 && System.nanoTime() < end) Thread.sleep(10);
            assertEquals("held", new String(server.receivedBytes()));
            fx.run(() -> server.getTransport().stopProducing());
            assertNotNull(server.lost.get(5, TimeUnit.SECONDS).check(ConnectionDone.class));
        }
    }

    @Test
    void connectionIdsAreUnique() throws Exception {
        ReactorFixture.Recorder a = new ReactorFixture.Recorder(), b = new ReactorFixture.Recorder();
        java.util.ArrayDeque<ReactorFixture.Recorder> next = new java.util.ArrayDeque<>(List.of(a, b));
        ListeningPort p = fx.listen(next::poll);
        try (Socket s1 = ReactorFixture.connect(p); Socket s2 = ReactorFixture.connect(p)) {
            a.made.get(5, TimeUnit.SECONDS);
            b.made.get(5, TimeUnit.SECONDS);
            long ia = fx.on(() -> a.getTransport().connectionId());
            long ib = fx.on(() -> b.getTransport().connectionId());
            assertNotEquals(ia, ib);
            assertTrue(Arrays.stream(new long[] {ia, ib}).allMatch(i -> i > 0));
        }
    }
}
