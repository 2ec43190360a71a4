package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import netmon.engine.defer.Failure;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.monitor.ReactorHealth;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class MonitorEventsTest {
    private final ReactorFixture fx = new ReactorFixture();

    @AfterEach
    void tearDown() throws Exception { fx.close(); }

    /** Records events as strings; outbound-buffer samples and health go to their own lists. */
    static final class Recording implements MonitorListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<ReactorHealth> health = new CopyOnWriteArrayList<>();
        final List<ConnectionInfo> opened = new CopyOnWriteArrayList<>();

        private static String text(ByteBuffer b) {
            byte[] x = new byte[b.remaining()];
            b.duplicate().get(x);
            return new String(x);
        }

        @Override public void listenerStarted(ListenerInfo l) { events.add("listenerStarted " + l.protocol() + " " + l.service()); }
        @Override public void listenerStopped(ListenerInfo l) { events.add("listenerStopped " + l.protocol()); }
        @Override public void listenerFailed(String n, String d, Throwable e) { events.add("listenerFailed " + n + " " + d); }
        @Override public void connectionRefused(long id, Address p, String w) { events.add("refused " + w); }
        @Override public void connectionOpened(ConnectionInfo c) {
            opened.add(c);
            events.add("opened " + c.service() + " outgoing=" + c.outgoing());
        }
        @Override public void bytesReceived(long id, ByteBuffer d) { events.add("in " + d.remaining() + " " + text(d)); }
        @Override public void bytesSent(long id, ByteBuffer d) { events.add("out " + d.remaining() + " " + text(d)); }
        @Override public void connectionStateChanged(long id, ConnectionState s) { events.add("state " + s); }
        @Override public void connectionClosed(long id, CloseReason r, String m) { events.add("closed " + r); }
        @Override public void datagramReceived(long id, Address a, ByteBuffer d) { events.add("dgram in " + d.remaining()); }
        @Override public void datagramSent(long id, Address a, ByteBuffer d) { events.add("dgram out " + d.remaining()); }
        @Override public void reactorHealth(ReactorHealth h) { health.add(h); }
    }

    static final class AbortOnHalfClose extends ReactorFixture.Echo implements HalfCloseableProtocol {
        final List<String> shared;
        AbortOnHalfClose(List<String> shared) { this.shared = shared; }
        @Override public void readConnectionLost() { transport.abortConnection(); }
        @Override public void connectionLost(Failure reason) {
            shared.add("protocol connectionLost " + reason.getType().getSimpleName());
            super.connectionLost(reason);
        }
    }

    @Test
    void scriptedSessionReportsTheExactEventSequenceAndByteCounts() throws Exception {
        Recording rec = new Recording();
        fx.reactor.monitor().add(rec);
        AbortOnHalfClose server = new AbortOnHalfClose(rec.events);
        Factory f = new Factory() {
            @Override public Protocol buildProtocol(Address a) { return server; }
            @Override public String logPrefix() { return "echo"; }
        };
        ListeningPort p = fx.on(() -> fx.reactor.listenTCP(0, f, 50, "127.0.0.1"));
        try (Socket s = ReactorFixture.connect(p)) {
            s.getOutputStream().write("hello".getBytes());
            InputStream in = s.getInputStream();
            assertEquals("hello", new String(in.readNBytes(5)));
            s.shutdownOutput();
            server.lost.get(5, TimeUnit.SECONDS);
        }
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        fx.run(() -> p.stopListening().addCallback(v -> stopped.complete(null)));
        stopped.get(5, TimeUnit.SECONDS);

        assertEquals(List.of(
                "listenerStarted tcp echo",
                "opened echo outgoing=false",
                "in 5 hello",
                "out 5 hello",
                "state READ_CLOSED",
                "state ABORTING",
                "protocol connectionLost ConnectionAborted",
                "closed ABORTED",
                "listenerStopped tcp"), rec.events);
        ConnectionInfo c = rec.opened.get(0);
        assertEquals(p.listenerId(), c.listenerId());
        assertEquals("tcp", c.protocol());
        assertEquals(server.getTransport().connectionId(), c.id());
        assertEquals(p.getHost(), c.host());
    }

    @Test
    void cleanCloseAndOutgoingConnectionsAreReported() throws Exception {
        Recording rec = new Recording();
        fx.reactor.monitor().add(rec);
        ListeningPort p = fx.listen(() -> new ReactorFixture.Recorder() {
            @Override public void connectionMade() {
                transport.write("hi".getBytes());
                transport.loseConnection();
            }
        });
        ConnectTcpTest.Client client = new ConnectTcpTest.Client();
        fx.run(() -> fx.reactor.connectTCP("127.0.0.1", p.getHost().port(), client, 5));
        client.lost.get(5, TimeUnit.SECONDS);
        long end = System.nanoTime() + 5_000_000_000L;
        while (rec.events.stream().filter(e -> e.startsWith("closed")).count() < 2 && System.nanoTime() < end) Thread.sleep(5);
        assertEquals(2, rec.opened.size());
        assertEquals(1, rec.opened.stream().filter(ConnectionInfo::outgoing).count());
        assertNotEquals(rec.opened.get(0).id(), rec.opened.get(1).id());
        assertTrue(rec.events.contains("state CLOSING"));
        assertEquals(2, rec.events.stream().filter(e -> e.equals("closed DONE")).count(), rec.events.toString());
        assertTrue(rec.events.contains("out 2 hi"));
        assertTrue(rec.events.contains("in 2 hi"));
    }

    @Test
    void listenerFailureIsReported() throws Exception {
        Recording rec = new Recording();
        fx.reactor.monitor().add(rec);
        ListeningPort p = fx.listen(ReactorFixture.Recorder::new);
        assertThrows(RuntimeException.class, () -> fx.on(() ->
                fx.reactor.listenTCP(p.getHost().port(), Factory.forProtocol(ReactorFixture.Recorder::new), 50, "127.0.0.1")));
        assertTrue(rec.events.stream().anyMatch(e -> e.startsWith("listenerFailed")), rec.events.toString());
    }

    @Test
    void datagramsAreReported() throws Exception {
        Recording rec = new Recording();
        fx.reactor.monitor().add(rec);
        UdpTransportTest.UdpEcho echo = new UdpTransportTest.UdpEcho();
        ListeningPort p = fx.on(() -> fx.reactor.listenUDP(0, echo, "127.0.0.1", 65507));
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            s.setSoTimeout(5000);
            s.send(new java.net.DatagramPacket(new byte[7], 7, java.net.InetAddress.getByName("127.0.0.1"), p.getHost().port()));
            s.receive(new java.net.DatagramPacket(new byte[10], 10));
        }
        fx.on(() -> null); // the sent event is reported just after the send, in the same reactor call
        assertEquals(List.of("listenerStarted udp UdpEcho", "dgram in 7", "dgram out 7"), new ArrayList<>(rec.events));
    }

    @Test
    void reactorHealthIsSampledAboutOnceASecond() throws Exception {
        Recording rec = new Recording();
        fx.reactor.monitor().add(rec);
        ListeningPort p = fx.listen(ReactorFixture.Recorder::new);
        long end = System.nanoTime() + 5_000_000_000L;
        while (rec.health.isEmpty() && System.nanoTime() < end) Thread.sleep(20);
        assertFalse(rec.health.isEmpty());
        ReactorHealth h = rec.health.get(0);
        assertEquals(1, h.openListeners());
        assertEquals(0, h.openConnections());
        assertTrue(h.iterations() > 0);
        assertTrue(h.loopLagMillis() >= 0);
        assertTrue(h.intervalMillis() > 0);
        assertNotNull(p);
    }

    @Test
    void theHealthTickIsNoDelayedCallSoAnIdleLoopSleepsWithoutATimeout() throws Exception {
        Recording rec = new Recording();
        fx.reactor.monitor().add(rec);
        long end = System.nanoTime() + 5_000_000_000L;
        while (rec.health.isEmpty() && System.nanoTime() < end) Thread.sleep(20);
        assertFalse(rec.health.isEmpty());
        assertEquals(List.of(), fx.on(() -> fx.reactor.getDelayedCalls()));
        assertEquals(0, rec.health.get(0).pendingDelayedCalls());
    }

    @Test
    void aLoopHeldByACallbackShowsAsTheHealthSamplesLag() throws Exception {
        Recording rec = new Recording();
        fx.reactor.setWatchdogThreshold(30); // only the health sample is under test here, not the stall report
        fx.reactor.monitor().add(rec);
        // A tick is handed over about once a second, one at a time: one falls within the hold's first 1.x s and
        // waits for the rest of it, more than a second.
        fx.reactor.callFromThread(() -> {
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long end = System.nanoTime() + 8_000_000_000L;
        while (rec.health.stream().noneMatch(h -> h.maxLoopLagMillis() >= 1_000) && System.nanoTime() < end) Thread.sleep(20);
        assertTrue(rec.health.stream().anyMatch(h -> h.maxLoopLagMillis() >= 1_000), rec.health.toString());
    }
}
