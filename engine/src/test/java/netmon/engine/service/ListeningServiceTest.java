package netmon.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.CancelledError;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.endpoints.Endpoints;
import netmon.engine.endpoints.ServerEndpoint;
import netmon.engine.error.CannotListenError;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Protocol;
import netmon.engine.testing.MemoryReactor;
import netmon.engine.testing.RaisingMemoryReactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StreamServerEndpointService and DatagramServerService against MemoryReactor (item 110). */
@Timeout(10)
class ListeningServiceTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final Factory factory = Factory.forProtocol(() -> new Protocol() {});

    private static Object resultOf(Deferred<?> d) {
        List<Object> out = new ArrayList<>();
        d.addBoth(r -> {
            out.add(r == null ? "null" : r);
            return r;
        });
        return out.isEmpty() ? null : out.get(0);
    }

    /** An endpoint whose listen stays pending until the test fires it; records cancellation. */
    private static final class PendingEndpoint implements ServerEndpoint {
        final List<Deferred<ListeningPort>> listens = new ArrayList<>();
        boolean cancelled;

        @Override
        public Deferred<ListeningPort> listen(Factory f) {
            Deferred<ListeningPort> d = new Deferred<>(x -> cancelled = true);
            listens.add(d);
            return d;
        }
    }

    @Test
    void listensWhenPrivilegedStartRuns() {
        StreamServerEndpointService s = new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:7000"), factory);
        s.privilegedStartService();
        assertEquals(List.of(new MemoryReactor.TcpServer(7000, factory, 50, "127.0.0.1")), reactor.tcpServers);
        assertFalse(s.isRunning());
        s.startService();
        assertEquals(1, reactor.tcpServers.size(), "startService after privilegedStartService does not listen again");
        assertTrue(s.isRunning());
        assertSame(reactor.ports.get(0), s.getListeningPort());
    }

    @Test
    void startServiceAloneListens() {
        StreamServerEndpointService s = new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:7000"), factory);
        Deferred<ListeningPort> early = s.whenListening();
        assertFalse(early.isCalled());
        s.startService();
        assertSame(reactor.ports.get(0), resultOf(early));
        assertSame(reactor.ports.get(0), resultOf(s.whenListening()));
    }

    @Test
    void stopServiceStopsTheListeningPort() {
        StreamServerEndpointService s = new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:7000"), factory);
        s.startService();
        Deferred<Void> d = s.stopService();
        assertTrue(reactor.ports.get(0).stopped);
        assertEquals("null", resultOf(d));
        assertFalse(s.isRunning());
        assertNull(s.getListeningPort());
    }

    @Test
    void stopServiceCancelsAPendingListen() {
        PendingEndpoint endpoint = new PendingEndpoint();
        StreamServerEndpointService s = new StreamServerEndpointService(endpoint, factory);
        s.startService();
        Deferred<ListeningPort> waiting = s.whenListening();
        Deferred<Void> d = s.stopService();
        assertTrue(endpoint.cancelled);
        assertEquals("null", resultOf(d));
        assertFalse(s.isRunning());
        assertInstanceOf(CancelledError.class, ((Failure) resultOf(waiting)).getValue());
    }

    @Test
    void pendingListenThatSucceedsLaterIsReported() {
        PendingEndpoint endpoint = new PendingEndpoint();
        StreamServerEndpointService s = new StreamServerEndpointService(endpoint, factory);
        s.startService();
        Deferred<ListeningPort> waiting = s.whenListening();
        assertFalse(waiting.isCalled());
        MemoryReactor.FakePort port = new MemoryReactor.FakePort(new Address("TCP", "127.0.0.1", 7000));
        endpoint.listens.get(0).callback(port);
        assertSame(port, resultOf(waiting));
        s.stopService();
        assertTrue(port.stopped);
    }

    @Test
    void listenFailureIsKeptNotThrown() {
        CannotListenError error = new CannotListenError("127.0.0.1", 7000, new java.net.BindException("Address already in use"));
        RaisingMemoryReactor raising = new RaisingMemoryReactor(error, null);
        StreamServerEndpointService s = new StreamServerEndpointService(Endpoints.serverFromString(raising, "tcp:7000"), factory);
        Deferred<ListeningPort> before = s.whenListening();
        s.startService();
        assertSame(error, s.getListenFailure().getValue());
        assertSame(error, ((Failure) resultOf(before)).getValue());
        assertSame(error, ((Failure) resultOf(s.whenListening())).getValue());
        assertNull(s.getListeningPort());
        assertEquals("null", resultOf(s.stopService()), "stopping a service that never listened succeeds");
    }

    @Test
    void canBeStartedAgainAfterStop() {
        StreamServerEndpointService s = new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:7000"), factory);
        s.startService();
        s.stopService();
        assertFalse(s.whenListening().isCalled(), "after a stop, whenListening waits for the next start");
        s.startService();
        assertEquals(2, reactor.tcpServers.size());
        assertSame(reactor.ports.get(1), s.getListeningPort());
    }

    @Test
    void portStopFailureErrbacksTheStop() {
        RuntimeException boom = new RuntimeException("close failed");
        ServerEndpoint e = f -> Deferred.succeed(new ListeningPort() {
            @Override public Deferred<Void> stopListening() { return Deferred.fail(boom); }
            @Override public Address getHost() { return new Address("TCP", "127.0.0.1", 1); }
        });
        StreamServerEndpointService s = new StreamServerEndpointService(e, factory);
        s.startService();
        assertSame(boom, ((Failure) resultOf(s.stopService())).getValue());
        assertFalse(s.isRunning());
    }

    @Test
    void inAMultiServiceItListensOnStartAndClosesOnStop() {
        MultiService root = new MultiService();
        StreamServerEndpointService s = new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:7000"), factory);
        s.setName("web");
        s.setServiceParent(root);
        root.privilegedStartService();
        root.startService();
        assertEquals(1, reactor.tcpServers.size());
        root.stopService();
        assertTrue(reactor.ports.get(0).stopped);
    }

    @Test
    void datagramServiceBindsAndUnbinds() {
        DatagramProtocol p = new DatagramProtocol() {
            @Override public void datagramReceived(byte[] data, Address from) {}
        };
        DatagramServerService s = new DatagramServerService(Endpoints.udpServerFromString(reactor, "udp:7002"), p);
        s.startService();
        assertEquals(List.of(new MemoryReactor.UdpServer(7002, p, "127.0.0.1", 65507)), reactor.udpServers);
        assertSame(reactor.ports.get(0), resultOf(s.whenListening()));
        s.stopService();
        assertTrue(reactor.ports.get(0).stopped);
    }
}
