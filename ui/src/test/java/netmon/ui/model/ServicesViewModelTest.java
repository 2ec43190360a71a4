package netmon.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import netmon.engine.error.CannotListenError;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.protocol.Address;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.engine.ListenerHandle;
import netmon.ui.settings.ListenerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ServicesViewModelTest {
    final FakeEngine engine = new FakeEngine();
    final ServicesViewModel vm = new ServicesViewModel(engine, () -> 5_000);

    @Test
    void firstRunDefaultsAreEchoChatAndUdpEchoOnLoopbackPorts() {
        assertEquals(List.of(new ListenerSpec("echo", "tcp:7000"), new ListenerSpec("chat", "tcp:7001"),
                new ListenerSpec("udp-echo", "udp:7002")), ServicesViewModel.defaults());
        for (ListenerSpec s : ServicesViewModel.defaults()) {
            ServiceRow r = vm.add(s.kind(), s.endpoint());
            assertEquals("stopped", r.getStateText());
            assertFalse(r.isSwitchOn());
            assertNull(r.getValidation());
        }
    }

    @Test
    void endpointIsValidatedAsTypedWithTheReason() {
        ServiceRow r = vm.add("echo", "tcp:7000");
        r.endpointProperty().set("tcp:70000");
        assertEquals("port must be 0-65535, got 70000", r.getValidation());
        r.endpointProperty().set("tcp:abc");
        assertEquals("port must be a number 0-65535, got 'abc'", r.getValidation());
        r.endpointProperty().set("tcp:7005");
        assertNull(r.getValidation());
    }

    @Test
    void anEndpointReachableFromOtherMachinesShowsAWarningAndLoopbackDoesNot() {
        ServiceRow r = vm.add("echo", "tcp:7100");
        assertNull(r.exposureProperty().get(), "the default interface is loopback");
        r.endpointProperty().set("tcp:7100:interface=0.0.0.0");
        assertEquals("listens on every interface (0.0.0.0): other machines can connect", r.exposureProperty().get());
        r.endpointProperty().set("tcp:7100:interface=192.0.2.7");
        assertEquals("listens on 192.0.2.7: other machines can connect", r.exposureProperty().get());
        r.endpointProperty().set("tcp:7100:interface=127.0.0.2");
        assertNull(r.exposureProperty().get());
    }

    @Test
    void aBadEndpointCannotBeStartedAndSaysWhy() {
        ServiceRow r = vm.add("echo", "tcp:99999");
        r.switchOnProperty().set(true);
        assertTrue(engine.starts.isEmpty(), "never reached the engine");
        assertFalse(r.isSwitchOn());
        assertEquals(ServiceRow.Phase.FAILED, r.getPhase());
        assertEquals("failed: port must be 0-65535, got 99999", r.getStateText());
        assertEquals(1, vm.notices().size());
        assertEquals("port must be 0-65535, got 99999", vm.notices().get(0).text());
    }

    @Test
    void switchingOnStartsTheListenerAndShowsItsAddress() {
        ServiceRow r = vm.add("echo", "tcp:0");
        r.switchOnProperty().set(true);
        assertEquals(ServiceRow.Phase.STARTING, r.getPhase());
        assertFalse(r.editableProperty().get());
        engine.succeedLast(43567);
        assertEquals(ServiceRow.Phase.LISTENING, r.getPhase());
        assertEquals("listening on 127.0.0.1:43567", r.getStateText());
        r.switchOnProperty().set(false);
        assertEquals(1, engine.stops.size());
        assertEquals(ServiceRow.Phase.STOPPED, r.getPhase());
        assertEquals("stopped", r.getStateText());
        assertTrue(r.editableProperty().get());
    }

    @Test
    void portInUseShowsInTheRowAndAsANoticeAndTurnsTheSwitchOff() {
        ServiceRow r = vm.add("chat", "tcp:7001");
        r.switchOnProperty().set(true);
        engine.starts.get(0).result().errback(new CannotListenError("127.0.0.1", 7001, new java.net.BindException("Address already in use")));
        assertFalse(r.isSwitchOn());
        assertEquals(ServiceRow.Phase.FAILED, r.getPhase());
        assertEquals("failed: Couldn't listen on 127.0.0.1:7001: address already in use", r.getStateText());
        Notice n = vm.notices().get(vm.notices().size() - 1);
        assertEquals(Notice.Level.ERROR, n.level());
        assertEquals("chat could not start on tcp:7001", n.title());
        assertEquals("Couldn't listen on 127.0.0.1:7001: address already in use", n.text());
    }

    @Test
    void switchingOffWhileStartingStopsTheListenerOnceItIsUp() {
        ServiceRow r = vm.add("echo", "tcp:0");
        r.switchOnProperty().set(true);
        r.switchOnProperty().set(false);
        assertTrue(engine.stops.isEmpty());
        ListenerHandle h = engine.succeedLast(40000);
        assertEquals(List.of(h), engine.stops, "nothing left half-started");
        assertEquals(ServiceRow.Phase.STOPPED, r.getPhase());
    }

    @Test
    void switchingBackOnWhileStoppingRestartsAfterTheStop() {
        engine.stopImmediately = false;
        ServiceRow r = vm.add("echo", "tcp:0");
        r.switchOnProperty().set(true);
        engine.succeedLast(40000);
        r.switchOnProperty().set(false);
        r.switchOnProperty().set(true);
        assertEquals(1, engine.starts.size());
        engine.stopResults.get(0).callback(null);
        assertEquals(2, engine.starts.size());
        assertEquals(ServiceRow.Phase.STARTING, r.getPhase());
    }

    @Test
    void removingARunningRowStopsItsListener() {
        ServiceRow r = vm.add("echo", "tcp:0");
        r.switchOnProperty().set(true);
        ListenerHandle h = engine.succeedLast(40000);
        vm.remove(r);
        assertEquals(List.of(h), engine.stops);
        assertTrue(vm.rows().isEmpty());
    }

    @Test
    void rowShowsOpenConnectionsAndBytesPerSecondOfItsListener() {
        ServiceRow r = vm.add("echo", "tcp:0");
        r.switchOnProperty().set(true);
        ListenerHandle h = engine.succeedLast(40000);
        FxEventBridge bridge = new FxEventBridge();
        Address host = new Address("TCP", "127.0.0.1", 40000);
        for (int c = 1; c <= 3; c++) {
            bridge.connectionOpened(new ConnectionInfo(c, h.listenerId(), "echo", "tcp", new Address("TCP", "127.0.0.1", 50000 + c), host, 0, false));
            bridge.bytesReceived(c, ByteBuffer.allocate(1000));
            bridge.bytesSent(c, ByteBuffer.allocate(500));
        }
        bridge.connectionClosed(2, netmon.engine.monitor.CloseReason.DONE, null);
        vm.apply(bridge.drain().listeners());
        assertEquals(2, r.openConnectionsProperty().get());
        vm.tick(7_000);
        assertEquals(1500.0, r.rateInProperty().get(), 0.001);
        assertEquals(750.0, r.rateOutProperty().get(), 0.001);
        assertEquals(3000, vm.traffic(h.listenerId())[0]);
    }

    @Test
    void specsRememberKindAndEndpointOfEveryRow() {
        vm.add("echo", "tcp:7100");
        vm.add("udp-echo", "udp:7102:interface=127.0.0.1");
        assertEquals(List.of(new ListenerSpec("echo", "tcp:7100"), new ListenerSpec("udp-echo", "udp:7102:interface=127.0.0.1")), vm.specs());
    }

    @Test
    void theCapGoesToTheEngineAtStartAndToARunningListenerWhenChanged() {
        ServiceRow r = vm.add(new ListenerSpec("echo", "tcp:0", 2, true));
        r.switchOnProperty().set(true);
        assertEquals(2, engine.starts.get(0).maxConnections());
        ListenerHandle h = engine.succeedLast(43567);
        vm.setMaxConnections(r, 7);
        assertEquals(List.of(h.listenerId() + "=7"), engine.capChanges);
        assertEquals(7, r.getMaxConnections());
        assertEquals(new ListenerSpec("echo", "tcp:0", 7, true), vm.specs().get(0));
    }

    @Test
    void aCapOutOfRangeIsRefusedAndTheRowKeepsItsCap() {
        ServiceRow r = vm.add("echo", "tcp:0");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> vm.setMaxConnections(r, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> vm.setMaxConnections(r, ListenerSpec.MAX_MAX_CONNECTIONS + 1));
        assertEquals(ListenerSpec.DEFAULT_MAX_CONNECTIONS, r.getMaxConnections());
    }

    @Test
    void theRefusedCountIsReadFromTheEngineOnTheOnceASecondTick() {
        ServiceRow r = vm.add("echo", "tcp:0");
        r.switchOnProperty().set(true);
        ListenerHandle h = engine.succeedLast(43567);
        engine.refused.put(h.listenerId(), 3L);
        vm.tick(5_500);
        assertEquals(0, r.getRefused(), "not a second yet");
        vm.tick(6_000);
        assertEquals(3, r.getRefused());
    }

    @Test
    void eachListenersCaptureFlagReachesTheCaptureWhenItStartsAndWhenToggled() {
        List<String> calls = new java.util.ArrayList<>();
        vm.setCaptureSwitch((id, on) -> calls.add(id + "=" + on));
        ServiceRow on = vm.add("echo", "tcp:0");
        ServiceRow off = vm.add(new ListenerSpec("udp-echo", "udp:0", ListenerSpec.DEFAULT_MAX_CONNECTIONS, false));
        on.switchOnProperty().set(true);
        long a = engine.succeedLast(1000).listenerId();
        off.switchOnProperty().set(true);
        long b = engine.succeedLast(1001).listenerId();
        on.capturedProperty().set(false);
        assertEquals(List.of(a + "=true", b + "=false", a + "=false"), calls);
    }

    @Test
    void capAndBudgetTextIsValidatedAsTypedWithTheReason() {
        assertEquals(java.util.OptionalInt.of(10_000), Limits.parseMaxConnections("10,000"));
        assertEquals(java.util.OptionalInt.of(2), Limits.parseMaxConnections(" 2 "));
        assertNull(Limits.validateMaxConnections("1000000"));
        for (String bad : new String[] {"", "0", "-1", "abc", "2.5", "1000001", "99999999999999"}) {
            assertEquals("cap must be a whole number from 1 to 1,000,000", Limits.validateMaxConnections(bad), bad);
        }
        assertEquals(java.util.OptionalLong.of(1L << 20), Limits.parseBudget("1 MiB"));
        assertEquals(java.util.OptionalLong.of(256L << 10), Limits.parseBudget("256k"));
        assertEquals(java.util.OptionalLong.of(65536), Limits.parseBudget("65536"));
        assertEquals(java.util.OptionalLong.of(1L << 30), Limits.parseBudget("1 GiB"));
        for (String bad : new String[] {"", "0", "1000", "2 GiB", "1.5 MiB", "-1 MiB", "1 TB", "99999999999999 MiB"}) {
            assertTrue(Limits.parseBudget(bad).isEmpty(), bad);
            assertEquals("budget must be a size from 1 KiB to 1 GiB, e.g. 1 MiB, 256 KiB or 65536", Limits.validateBudget(bad));
        }
        assertEquals("1 MiB", Limits.formatBudget(1L << 20));
        assertEquals("384 KiB", Limits.formatBudget(384L << 10));
        assertEquals("1500 B", Limits.formatBudget(1500));
    }
}
