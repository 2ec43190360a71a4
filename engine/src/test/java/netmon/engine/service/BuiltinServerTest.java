package netmon.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.endpoints.EndpointParseException;
import netmon.engine.endpoints.ServerDescription;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BuiltinServer: validation of NAME=ENDPOINT, listening and stopping, against MemoryReactor. */
@Timeout(10)
class BuiltinServerTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final List<String> built = new ArrayList<>();
    private final DatagramProtocol udp = new DatagramProtocol() {
        @Override public void datagramReceived(byte[] data, Address from) {}
    };

    private BuiltinServer server(MemoryReactor r, String name, String endpoint) {
        return BuiltinServer.create(r, name, endpoint, n -> {
            built.add(n);
            return Factory.forProtocol(() -> new Protocol() {});
        }, () -> {
            built.add("udp");
            return udp;
        });
    }

    private static Object resultOf(Deferred<?> d) {
        List<Object> out = new ArrayList<>();
        d.addBoth(r -> {
            out.add(r == null ? "null" : r);
            return r;
        });
        return out.isEmpty() ? null : out.get(0);
    }

    @Test
    void echoListensOnTcpWithTheParsedArguments() {
        BuiltinServer s = server(reactor, "echo", "tcp:7000:backlog=10");
        assertTrue(reactor.tcpServers.isEmpty(), "create does not listen");
        assertTrue(built.isEmpty(), "create does not build a factory");
        s.startService();
        assertEquals(List.of("echo"), built);
        MemoryReactor.TcpServer rec = reactor.tcpServers.get(0);
        assertEquals(7000, rec.port());
        assertEquals(10, rec.backlog());
        assertEquals("127.0.0.1", rec.iface());
        ListeningPort port = (ListeningPort) resultOf(s.whenListening());
        assertSame(reactor.ports.get(0), port);
        assertEquals("listening echo tcp 127.0.0.1:7000", s.listeningMessage(port));
        assertTrue(s.isRunning());
    }

    @Test
    void udpEchoListensOnUdpWithMaxDatagramSize() {
        BuiltinServer s = server(reactor, "udp-echo", "udp:0:interface=0.0.0.0");
        s.startService();
        assertEquals(List.of(new MemoryReactor.UdpServer(0, udp, "0.0.0.0", 65507)), reactor.udpServers);
        ListeningPort port = (ListeningPort) resultOf(s.whenListening());
        assertEquals("listening udp-echo udp 0.0.0.0:" + port.getHost().port(), s.listeningMessage(port));
        assertTrue(port.getHost().port() > 0);
    }

    @Test
    void serviceIsNamedForTheBuiltinAndDescribesItsEndpoint() {
        BuiltinServer s = server(reactor, "chat", "tcp:7001");
        assertEquals("chat", s.getName());
        assertEquals("chat", s.kind());
        assertEquals(new ServerDescription("tcp", 7001, "127.0.0.1", 50), s.description());
    }

    @Test
    void listenDeferredIsLabelledWithTheServiceName() {
        assertEquals("listen chat tcp:7001", server(reactor, "chat", "tcp:7001").listen().label());
        assertEquals("listen udp-echo udp:7002", server(reactor, "udp-echo", "udp:7002").listen().label());
    }

    @Test
    void stopServiceStopsThePort() {
        BuiltinServer s = server(reactor, "echo", "tcp:7000");
        s.startService();
        assertEquals("null", resultOf(s.stopService()));
        assertTrue(reactor.ports.get(0).stopped);
        assertFalse(s.isRunning());
    }

    @Test
    void restartBuildsAFreshFactory() {
        BuiltinServer s = server(reactor, "chat", "tcp:7001");
        s.startService();
        s.stopService();
        s.startService();
        assertEquals(List.of("chat", "chat"), built);
        assertEquals(2, reactor.tcpServers.size());
    }

    @Test
    void portInUseErrbacksWhenListening() {
        CannotListenError error = new CannotListenError("127.0.0.1", 7000, new java.net.BindException("Address already in use"));
        BuiltinServer s = server(new RaisingMemoryReactor(error, null), "echo", "tcp:7000");
        s.startService();
        Failure f = (Failure) resultOf(s.whenListening());
        assertSame(error, f.getValue());
        assertEquals("Couldn't listen on 127.0.0.1:7000: address already in use", f.getErrorMessage());
    }

    @Test
    void aFactoryThatCannotBeBuiltErrbacksWhenListeningInsteadOfThrowing() {
        BuiltinServer s = BuiltinServer.create(reactor, "echo", "tcp:7000", n -> {
            throw new UnsupportedOperationException("echo: not built yet");
        }, () -> udp);
        s.startService();
        assertEquals("echo: not built yet", ((Failure) resultOf(s.whenListening())).getErrorMessage());
    }

    @Test
    void publicCreateValidatesWithoutBuildingAnything() {
        BuiltinServer s = BuiltinServer.create(reactor, "udp-echo", "udp:7002");
        assertEquals("udp", s.description().type());
        assertTrue(reactor.udpServers.isEmpty());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "ftp|tcp:21|unknown service 'ftp' (expected echo, chat, udp-echo)",
        "Echo|tcp:21|unknown service 'Echo' (expected echo, chat, udp-echo)",
        "echo|udp:7000|bad endpoint 'udp:7000': echo is a TCP service and needs tcp:PORT[:interface=ADDR][:backlog=N]",
        "chat|udp:7000|bad endpoint 'udp:7000': chat is a TCP service and needs tcp:PORT[:interface=ADDR][:backlog=N]",
        "udp-echo|tcp:7002|bad endpoint 'tcp:7002': udp-echo is a UDP service and needs udp:PORT[:interface=ADDR]",
        "echo|tcp:abc|bad endpoint 'tcp:abc': port must be a number 0-65535, got 'abc'",
        "echo|tcp:70000|bad endpoint 'tcp:70000': port must be 0-65535, got 70000",
        "udp-echo|udp:7002:backlog=3|bad endpoint 'udp:7002:backlog=3': unknown option 'backlog' for udp (expected port, interface)",
    })
    void badNameOrEndpointIsOneClearError(String name, String endpoint, String message) {
        EndpointParseException e = assertThrows(EndpointParseException.class, () -> BuiltinServer.create(reactor, name, endpoint));
        assertEquals(message, e.getMessage());
        assertEquals(message, assertThrows(EndpointParseException.class, () -> BuiltinServer.validate(name, endpoint)).getMessage());
    }

    @Test
    void nullNameIsRejected() {
        assertEquals("unknown service 'null' (expected echo, chat, udp-echo)",
                assertThrows(EndpointParseException.class, () -> BuiltinServer.validate(null, "tcp:1")).getMessage());
    }

    @Test
    void twoBuiltinsRunUnderOneMultiService() {
        MultiService root = new MultiService();
        server(reactor, "echo", "tcp:7000").setServiceParent(root);
        server(reactor, "udp-echo", "udp:7002").setServiceParent(root);
        root.privilegedStartService();
        root.startService();
        assertEquals(1, reactor.tcpServers.size());
        assertEquals(1, reactor.udpServers.size());
        root.stopService();
        assertTrue(reactor.ports.stream().allMatch(p -> p.stopped));
    }
}
