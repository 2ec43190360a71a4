package netmon.engine.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.CancelledError;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectError;
import netmon.engine.error.ConnectionDone;
import netmon.engine.error.ConnectionRefusedError;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Protocol;
import netmon.engine.testing.MemoryReactor;
import netmon.engine.testing.RaisingMemoryReactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** clientFromString and connect() against MemoryReactor (TWISTED-SEMANTICS item 97). */
@Timeout(10)
class ClientEndpointTest {
    private static final Address PEER = new Address("TCP", "127.0.0.1", 7000);

    private final MemoryReactor reactor = new MemoryReactor();
    private final List<String> events = new ArrayList<>();

    private class Recorder extends Protocol {
        @Override public void connectionMade() { events.add("connectionMade transport=" + (transport != null)); }
        @Override public void dataReceived(byte[] data) { events.add("data " + new String(data)); }
        @Override public void connectionLost(Failure reason) { events.add("lost " + reason.getType().getSimpleName() + " connected=" + connected); }
    }

    private final class HalfCloser extends Recorder implements HalfCloseableProtocol {
        @Override public void readConnectionLost() { events.add("readConnectionLost"); }
    }

    private static Object resultOf(Deferred<?> d) {
        List<Object> out = new ArrayList<>();
        d.addBoth(r -> {
            out.add(r);
            return r;
        });
        return out.isEmpty() ? null : out.get(0);
    }

    private Deferred<Protocol> connect(Factory f) {
        Deferred<Protocol> d = Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=7000:timeout=5").connect(f);
        d.addBoth(r -> {
            events.add("fired " + (r instanceof Failure fl ? fl.getType().getSimpleName() : r.getClass().getSimpleName()));
            return r;
        });
        return d;
    }

    @Test
    void clientFromStringBuildsTcp4ClientEndpoint() {
        TCP4ClientEndpoint e = Endpoints.clientFromString(reactor, "tcp:host=10.0.0.2:port=80:timeout=2.5");
        assertEquals("10.0.0.2", e.getHost());
        assertEquals(80, e.getPort());
        assertEquals(2.5, e.getTimeoutSeconds());
        TCP4ClientEndpoint positional = Endpoints.clientFromString(reactor, "tcp:10.0.0.2:80");
        assertEquals(30, positional.getTimeoutSeconds());
    }

    @Test
    void clientFromStringRejectsUdp() {
        EndpointParseException e = assertThrows(EndpointParseException.class,
                () -> Endpoints.clientFromString(reactor, "udp:host=127.0.0.1:port=1"));
        assertEquals("bad endpoint 'udp:host=127.0.0.1:port=1': udp is a datagram endpoint; this needs a stream endpoint (tcp:host=H:port=P)", e.getMessage());
    }

    @Test
    void connectRecordsTheArgumentsOfConnectTcp() {
        Deferred<Protocol> d = connect(Factory.forProtocol(Recorder::new));
        assertEquals(1, reactor.tcpClients.size());
        MemoryReactor.TcpClient c = reactor.tcpClients.get(0);
        assertEquals("127.0.0.1", c.host());
        assertEquals(7000, c.port());
        assertEquals(5.0, c.timeoutSeconds());
        assertFalse(d.isCalled());
        assertEquals("connect tcp:127.0.0.1:7000", d.label());
    }

    @Test
    void deferredFiresWithTheCallersProtocolAfterItsConnectionMade() {
        Deferred<Protocol> d = connect(Factory.forProtocol(Recorder::new));
        ClientFactory cf = reactor.tcpClients.get(0).factory();
        Protocol wrapper = cf.buildProtocol(PEER);
        assertFalse(d.isCalled(), "fires on connectionMade, not on buildProtocol");
        FakeTransports.Stream t = new FakeTransports.Stream();
        wrapper.makeConnection(t);
        assertEquals(List.of("connectionMade transport=true", "fired Recorder"), events);
        Protocol p = (Protocol) resultOf(d);
        assertInstanceOf(Recorder.class, p);
        assertSame(t, p.getTransport());
        assertTrue(p.isConnected());
    }

    @Test
    void dataAndConnectionLostReachTheCallersProtocol() {
        Deferred<Protocol> d = connect(Factory.forProtocol(Recorder::new));
        Protocol wrapper = reactor.tcpClients.get(0).factory().buildProtocol(PEER);
        wrapper.makeConnection(new FakeTransports.Stream());
        wrapper.dataReceived("hi".getBytes());
        wrapper.markDisconnected();
        wrapper.connectionLost(Failure.of(new ConnectionDone()));
        assertEquals(List.of("connectionMade transport=true", "fired Recorder", "data hi", "lost ConnectionDone connected=false"), events);
        assertFalse(((Protocol) resultOf(d)).isConnected());
    }

    @Test
    void halfCloseableProtocolStaysHalfCloseableThroughTheWrapper() {
        connect(Factory.forProtocol(HalfCloser::new));
        Protocol wrapper = reactor.tcpClients.get(0).factory().buildProtocol(PEER);
        assertInstanceOf(HalfCloseableProtocol.class, wrapper);
        wrapper.makeConnection(new FakeTransports.Stream());
        ((HalfCloseableProtocol) wrapper).readConnectionLost();
        assertEquals("readConnectionLost", events.get(events.size() - 1));

        connect(Factory.forProtocol(Recorder::new));
        assertFalse(reactor.tcpClients.get(1).factory().buildProtocol(PEER) instanceof HalfCloseableProtocol);
    }

    @Test
    void connectionFailureErrbacksWithTheReason() {
        Deferred<Protocol> d = connect(Factory.forProtocol(Recorder::new));
        ConnectionRefusedError refused = new ConnectionRefusedError("Connection refused");
        reactor.tcpClients.get(0).factory().clientConnectionFailed(reactor.connectors.get(0), Failure.of(refused));
        assertSame(refused, ((Failure) resultOf(d)).getValue());
    }

    @Test
    void cancellingStopsConnectingAndErrbacksWithCancelledError() {
        Deferred<Protocol> d = connect(Factory.forProtocol(Recorder::new));
        d.cancel();
        assertTrue(reactor.connectors.get(0).stoppedConnecting);
        Failure f = (Failure) resultOf(d);
        assertInstanceOf(CancelledError.class, f.getValue());
        assertEquals("connecting to 127.0.0.1:7000 was cancelled", f.getErrorMessage());
        // The reactor's own report of the abandoned attempt must not fire the Deferred twice.
        reactor.tcpClients.get(0).factory().clientConnectionFailed(reactor.connectors.get(0), Failure.of(new ConnectError("stopped")));
        assertEquals(List.of("fired CancelledError"), events);
    }

    @Test
    void cancellingAfterTheConnectionIsMadeChangesNothing() {
        Deferred<Protocol> d = connect(Factory.forProtocol(Recorder::new));
        reactor.tcpClients.get(0).factory().buildProtocol(PEER).makeConnection(new FakeTransports.Stream());
        d.cancel();
        assertFalse(reactor.connectors.get(0).stoppedConnecting);
        assertInstanceOf(Recorder.class, resultOf(d));
    }

    @Test
    void connectTcpThrowingBecomesAnErrback() {
        ConnectError boom = new ConnectError("no route");
        Deferred<Protocol> d = Endpoints.clientFromString(new RaisingMemoryReactor(null, boom), "tcp:h:1").connect(Factory.forProtocol(Recorder::new));
        assertSame(boom, ((Failure) resultOf(d)).getValue());
    }

    @Test
    void factoryRefusingToBuildAProtocolErrbacks() {
        Factory refusing = new Factory() {
            @Override public Protocol buildProtocol(Address addr) { return null; }
        };
        Deferred<Protocol> d = connect(refusing);
        assertNull(reactor.tcpClients.get(0).factory().buildProtocol(PEER));
        assertInstanceOf(ConnectError.class, ((Failure) resultOf(d)).getValue());
    }

    @Test
    void factoryThrowingInBuildProtocolErrbacks() {
        IllegalStateException oops = new IllegalStateException("oops");
        Factory throwing = new Factory() {
            @Override public Protocol buildProtocol(Address addr) { throw oops; }
        };
        Deferred<Protocol> d = connect(throwing);
        assertNull(reactor.tcpClients.get(0).factory().buildProtocol(PEER));
        assertSame(oops, ((Failure) resultOf(d)).getValue());
    }

    @Test
    void wrappingFactoryStartsAndStopsTheCallersFactory() {
        List<String> calls = new ArrayList<>();
        Factory f = new Factory() {
            @Override public void startFactory() { calls.add("start"); }
            @Override public void stopFactory() { calls.add("stop"); }
            @Override public String logPrefix() { return "mine"; }
        };
        connect(f);
        ClientFactory cf = reactor.tcpClients.get(0).factory();
        cf.doStart();
        cf.doStop();
        assertEquals(List.of("start", "stop"), calls);
        assertEquals("mine", cf.logPrefix());
    }

    @Test
    void udpClientBindsEphemeralPortAndConnectsBeforeTheProtocolSeesTheTransport() {
        List<String> seen = new ArrayList<>();
        FakeTransports.Datagram t = new FakeTransports.Datagram();
        DatagramProtocol mine = new DatagramProtocol() {
            @Override public void makeConnection(netmon.engine.protocol.DatagramTransport tr) {
                super.makeConnection(tr);
                seen.add("makeConnection after " + t.events);
            }
            @Override public void startProtocol() { seen.add("start"); }
            @Override public void datagramReceived(byte[] data, Address from) { seen.add("got " + new String(data)); }
        };
        Deferred<ListeningPort> d = Endpoints.udpClientFromString(reactor, "udp:host=127.0.0.1:port=7002").connect(mine);
        assertEquals("connect udp:127.0.0.1:7002", d.label());
        MemoryReactor.UdpServer u = reactor.udpServers.get(0);
        assertEquals(0, u.port());
        assertEquals("", u.iface());
        assertEquals(65507, u.maxPacketSize());
        u.protocol().makeConnection(t);
        u.protocol().startProtocol();
        u.protocol().datagramReceived("x".getBytes(), new Address("UDP", "127.0.0.1", 7002));
        assertEquals(List.of("makeConnection after [connect 127.0.0.1:7002]", "start", "got x"), seen);
        assertInstanceOf(ListeningPort.class, resultOf(d));
    }

    @Test
    void udpClientFromStringRejectsTcp() {
        assertThrows(EndpointParseException.class, () -> Endpoints.udpClientFromString(reactor, "tcp:host=h:port=1"));
    }
}
