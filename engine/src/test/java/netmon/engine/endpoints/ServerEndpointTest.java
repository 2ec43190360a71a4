package netmon.engine.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
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

/** serverFromString and listen() against MemoryReactor (TWISTED-SEMANTICS items 94, 96, 97). */
@Timeout(10)
class ServerEndpointTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final Factory factory = Factory.forProtocol(() -> new Protocol() {});

    private static <T> Object resultOf(Deferred<T> d) {
        List<Object> out = new ArrayList<>();
        d.addBoth(r -> {
            out.add(r);
            return r;
        });
        assertEquals(1, out.size(), "Deferred has not fired");
        return out.get(0);
    }

    @Test
    void serverFromStringBuildsTcp4ServerEndpointWithParsedValues() {
        TCP4ServerEndpoint e = Endpoints.serverFromString(reactor, "tcp:7000:interface=0.0.0.0:backlog=9");
        assertEquals(7000, e.getPort());
        assertEquals("0.0.0.0", e.getInterface());
        assertEquals(9, e.getBacklog());
    }

    @Test
    void listenRecordsTheArgumentsOfListenTcp() {
        Deferred<ListeningPort> d = Endpoints.serverFromString(reactor, "tcp:7000").listen(factory);
        assertEquals(List.of(new MemoryReactor.TcpServer(7000, factory, 50, "127.0.0.1")), reactor.tcpServers);
        ListeningPort port = (ListeningPort) resultOf(d);
        assertSame(reactor.ports.get(0), port);
        assertEquals(new Address("TCP", "127.0.0.1", 7000), port.getHost());
    }

    @Test
    void listenDeferredIsLabelledWithTheEndpoint() {
        assertEquals("listen tcp:7000", Endpoints.serverFromString(reactor, "tcp:7000").listen(factory).label());
        assertEquals("listen tcp:7001:interface=0.0.0.0",
                Endpoints.serverFromString(reactor, "tcp:7001:interface=0.0.0.0").listen(factory).label());
        assertEquals("listen udp:7002", Endpoints.udpServerFromString(reactor, "udp:7002").listen(new Echo()).label());
    }

    @Test
    void listenErrbacksWithCannotListenErrorInsteadOfThrowing() {
        CannotListenError error = new CannotListenError("127.0.0.1", 7000, new java.net.BindException("Address already in use"));
        RaisingMemoryReactor raising = new RaisingMemoryReactor(error, null);
        Deferred<ListeningPort> d = Endpoints.serverFromString(raising, "tcp:7000").listen(factory);
        Failure f = (Failure) resultOf(d);
        assertSame(error, f.getValue());
        assertEquals("Couldn't listen on 127.0.0.1:7000: address already in use", f.getErrorMessage());
        assertTrue(raising.tcpServers.isEmpty());
    }

    @Test
    void udpListenRecordsTheArgumentsOfListenUdpWithMaxDatagramSize() {
        Echo echo = new Echo();
        Deferred<ListeningPort> d = Endpoints.udpServerFromString(reactor, "udp:7002:interface=0.0.0.0").listen(echo);
        assertEquals(List.of(new MemoryReactor.UdpServer(7002, echo, "0.0.0.0", 65507)), reactor.udpServers);
        assertEquals(new Address("UDP", "0.0.0.0", 7002), ((ListeningPort) resultOf(d)).getHost());
    }

    @Test
    void udpListenErrbacksWithCannotListenError() {
        CannotListenError error = new CannotListenError("127.0.0.1", 7002, null);
        Deferred<ListeningPort> d = Endpoints.udpServerFromString(new RaisingMemoryReactor(error, null), "udp:7002").listen(new Echo());
        assertSame(error, ((Failure) resultOf(d)).getValue());
    }

    @Test
    void serverFromStringRejectsUdpAndUdpServerFromStringRejectsTcp() {
        EndpointParseException e = assertThrows(EndpointParseException.class, () -> Endpoints.serverFromString(reactor, "udp:7002"));
        assertEquals("bad endpoint 'udp:7002': udp is a datagram endpoint; this needs a stream endpoint (tcp:PORT)", e.getMessage());
        e = assertThrows(EndpointParseException.class, () -> Endpoints.udpServerFromString(reactor, "tcp:7000"));
        assertEquals("bad endpoint 'tcp:7000': tcp is a stream endpoint; this needs a datagram endpoint (udp:PORT)", e.getMessage());
    }

    @Test
    void serverFromStringPropagatesParseErrorsBeforeTouchingTheReactor() {
        assertThrows(EndpointParseException.class, () -> Endpoints.serverFromString(reactor, "tcp:abc"));
        assertTrue(reactor.tcpServers.isEmpty());
    }

    @Test
    void ephemeralPortGetsARealNumberFromTheFakePort() {
        ListeningPort p = (ListeningPort) resultOf(Endpoints.serverFromString(reactor, "tcp:0").listen(factory));
        assertEquals(0, reactor.tcpServers.get(0).port());
        assertTrue(p.getHost().port() > 0);
    }

    static final class Echo extends DatagramProtocol {
        @Override public void datagramReceived(byte[] data, Address from) { transport.write(data, from); }
    }
}
