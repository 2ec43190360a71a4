package netmon.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.error.CannotListenError;
import netmon.engine.error.ConnectError;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Protocol;
import netmon.engine.reactor.DelayedCall;
import netmon.engine.reactor.Reactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MemoryReactor and RaisingMemoryReactor (TWISTED-SEMANTICS item 109). */
@Timeout(10)
class MemoryReactorTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final Factory factory = Factory.forProtocol(() -> new Protocol() {});
    private final ClientFactory clientFactory = new ClientFactory() {};
    private final DatagramProtocol udp = new DatagramProtocol() {
        @Override public void datagramReceived(byte[] data, Address from) {}
    };

    @Test
    void listenTcpRecordsItsArgumentsAndReturnsAFakePort() {
        ListeningPort p = reactor.listenTCP(7000, factory, 50, "127.0.0.1");
        assertEquals(List.of(new MemoryReactor.TcpServer(7000, factory, 50, "127.0.0.1")), reactor.tcpServers);
        assertEquals(new Address("TCP", "127.0.0.1", 7000), p.getHost());
        assertSame(p, reactor.ports.get(0));
    }

    @Test
    void portZeroGetsDistinctEphemeralPortsAndEmptyInterfaceMeansAll() {
        ListeningPort a = reactor.listenTCP(0, factory, 50, "");
        ListeningPort b = reactor.listenUDP(0, udp, "", 65507);
        assertEquals("0.0.0.0", a.getHost().host());
        assertTrue(a.getHost().port() >= 49152);
        assertTrue(b.getHost().port() != a.getHost().port());
        assertEquals("UDP", b.getHost().type());
    }

    @Test
    void fakePortRecordsStopListening() {
        MemoryReactor.FakePort p = (MemoryReactor.FakePort) reactor.listenTCP(7000, factory, 50, "127.0.0.1");
        assertFalse(p.stopped);
        Deferred<Void> d = p.stopListening();
        assertTrue(p.stopped);
        assertTrue(d.isCalled());
    }

    @Test
    void connectTcpRecordsItsArgumentsAndReturnsAFakeConnector() {
        Connector c = reactor.connectTCP("10.0.0.1", 80, clientFactory, 30);
        assertEquals(List.of(new MemoryReactor.TcpClient("10.0.0.1", 80, clientFactory, 30)), reactor.tcpClients);
        assertSame(c, reactor.connectors.get(0));
        assertEquals(new Address("TCP", "10.0.0.1", 80), c.getDestination());
        assertEquals("connecting", c.getState());
        c.stopConnecting();
        assertTrue(reactor.connectors.get(0).stoppedConnecting);
        assertEquals("disconnected", c.getState());
        reactor.connectors.get(0).setConnected();
        assertEquals("connected", c.getState());
        c.disconnect();
        assertTrue(reactor.connectors.get(0).disconnected);
    }

    @Test
    void listenUdpRecordsItsArguments() {
        reactor.listenUDP(7002, udp, "0.0.0.0", 65507);
        assertEquals(List.of(new MemoryReactor.UdpServer(7002, udp, "0.0.0.0", 65507)), reactor.udpServers);
    }

    @Test
    void flagsStartFalseUnlikeTwistedTrunk() {
        assertFalse(reactor.hasRun);
        assertFalse(reactor.hasStopped);
        assertFalse(reactor.running);
        assertFalse(reactor.isRunning());
    }

    @Test
    void runSetsRunningRunsHooksThenStops() {
        List<String> seen = new ArrayList<>();
        reactor.callWhenRunning(() -> seen.add("hook running=" + reactor.running));
        reactor.callWhenRunning(() -> seen.add("second"));
        assertTrue(seen.isEmpty(), "hooks wait for run()");
        reactor.run();
        assertEquals(List.of("hook running=true", "second"), seen);
        assertTrue(reactor.hasRun);
        assertTrue(reactor.hasStopped);
        assertFalse(reactor.running);
    }

    @Test
    void callWhenRunningWhileRunningRunsAtOnce() {
        List<String> seen = new ArrayList<>();
        reactor.callWhenRunning(() -> reactor.callWhenRunning(() -> seen.add("nested")));
        reactor.run();
        assertEquals(List.of("nested"), seen);
    }

    @Test
    void stopRunsShutdownTriggersOnceInPhaseOrder() {
        List<String> seen = new ArrayList<>();
        reactor.addSystemEventTrigger(Reactor.Phase.AFTER, "shutdown", () -> seen.add("after"));
        reactor.addSystemEventTrigger(Reactor.Phase.BEFORE, "shutdown", () -> seen.add("before"));
        reactor.addSystemEventTrigger(Reactor.Phase.DURING, "shutdown", () -> seen.add("during"));
        Object removed = reactor.addSystemEventTrigger(Reactor.Phase.BEFORE, "shutdown", () -> seen.add("removed"));
        reactor.addSystemEventTrigger(Reactor.Phase.BEFORE, "startup", () -> seen.add("startup"));
        reactor.removeSystemEventTrigger(removed);
        assertEquals(4, reactor.triggers.size());
        reactor.stop();
        reactor.stop();
        assertEquals(List.of("before", "during", "after"), seen);
        assertTrue(reactor.hasStopped);
    }

    @Test
    void removingAnUnknownTriggerIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(new Object()));
    }

    @Test
    void timeIsVirtualAndAdvancedByHand() {
        List<String> seen = new ArrayList<>();
        DelayedCall c = reactor.callLater(5, () -> seen.add("fired"));
        assertEquals(0, reactor.seconds());
        assertEquals(List.of(c), reactor.getDelayedCalls());
        reactor.advance(4.9);
        assertTrue(seen.isEmpty());
        reactor.advance(0.1);
        assertEquals(List.of("fired"), seen);
        assertEquals(5, reactor.seconds(), 1e-9);
        assertTrue(reactor.getDelayedCalls().isEmpty());
    }

    @Test
    void threadCallsRunSynchronously() {
        List<String> seen = new ArrayList<>();
        reactor.callFromThread(() -> seen.add("fromThread"));
        reactor.callInThread(() -> seen.add("inThread"));
        assertEquals(List.of("fromThread", "inThread"), seen);
        List<Object> results = new ArrayList<>();
        reactor.deferToThread(() -> 42).addBoth(r -> results.add(r));
        reactor.deferToThread(() -> {
            throw new IllegalStateException("bad");
        }).addBoth(r -> results.add(((Failure) r).getErrorMessage()));
        assertEquals(List.of(42, "bad"), results);
    }

    @Test
    void everyThreadIsTheReactorThreadAndThereIsAMonitor() {
        assertTrue(reactor.isReactorThread());
        assertNotNull(reactor.monitor());
        assertSame(reactor.monitor(), reactor.monitor());
    }

    @Test
    void runningTwiceAtOnceIsRejected() {
        reactor.callWhenRunning(() -> assertThrows(netmon.engine.error.ReactorAlreadyRunning.class, reactor::run));
        reactor.run();
        assertTrue(reactor.hasStopped);
    }

    @Test
    void raisingReactorThrowsTheConfiguredExceptionsAndRecordsNothing() {
        CannotListenError listen = new CannotListenError("127.0.0.1", 1, null);
        ConnectError connect = new ConnectError("nope");
        RaisingMemoryReactor r = new RaisingMemoryReactor(listen, connect);
        assertSame(listen, assertThrows(CannotListenError.class, () -> r.listenTCP(1, factory, 50, "127.0.0.1")));
        assertSame(listen, assertThrows(CannotListenError.class, () -> r.listenUDP(1, udp, "127.0.0.1", 65507)));
        assertSame(connect, assertThrows(ConnectError.class, () -> r.connectTCP("h", 1, clientFactory, 30)));
        assertTrue(r.tcpServers.isEmpty() && r.udpServers.isEmpty() && r.tcpClients.isEmpty() && r.ports.isEmpty());
    }

    @Test
    void raisingReactorWithNullExceptionBehavesNormally() {
        RaisingMemoryReactor r = new RaisingMemoryReactor(null, new ConnectError("nope"));
        r.listenTCP(1, factory, 50, "127.0.0.1");
        assertEquals(1, r.tcpServers.size());
        assertThrows(ConnectError.class, () -> r.connectTCP("h", 1, clientFactory, 30));
    }
}
