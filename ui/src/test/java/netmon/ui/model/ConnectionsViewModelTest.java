package netmon.ui.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.protocol.Address;
import netmon.ui.bridge.FxEventBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConnectionsViewModelTest {
    final FxEventBridge bridge = new FxEventBridge();
    final ConnectionsViewModel vm = new ConnectionsViewModel();
    static final Address ECHO = new Address("TCP", "127.0.0.1", 7000);
    static final Address CHAT = new Address("TCP", "127.0.0.1", 7001);

    void open(long id, String service, Address host, int peerPort, long at) {
        bridge.connectionOpened(new ConnectionInfo(id, 1, service, "tcp", new Address("TCP", "127.0.0.1", peerPort), host, at, false));
    }

    void drain(long now) { vm.apply(bridge.drain(), now); }

    @Test
    void aNewConnectionAppearsAsAFreshRowWithPeerHostAndByteCounts() {
        open(7, "echo", ECHO, 51234, 10_000);
        bridge.bytesReceived(7, ByteBuffer.allocate(11));
        bridge.bytesSent(7, ByteBuffer.allocate(11));
        drain(10_010);
        ConnectionRow r = vm.row(7);
        assertNotNull(r);
        assertEquals("127.0.0.1:51234", r.peerText());
        assertEquals("127.0.0.1:7000", r.hostText());
        assertEquals("echo", r.service());
        assertEquals(11, r.getBytesIn());
        assertEquals(11, r.getBytesOut());
        assertEquals("open", r.getState());
        assertTrue(r.freshProperty().get());
        assertEquals(1, vm.openCountProperty().get());
        vm.tick(10_000 + ConnectionsViewModel.FRESH_MILLIS);
        assertFalse(r.freshProperty().get());
        assertEquals(ConnectionsViewModel.FRESH_MILLIS, r.ageMillis(10_000 + ConnectionsViewModel.FRESH_MILLIS));
    }

    @Test
    void aClosedRowIsGreyedWithItsReasonThenRemovedAfterAFewSeconds() {
        open(1, "echo", ECHO, 50001, 0);
        drain(0);
        bridge.connectionClosed(1, CloseReason.ABORTED, "aborted by user");
        drain(1_000);
        ConnectionRow r = vm.row(1);
        assertTrue(r.isClosed());
        assertEquals(CloseReason.ABORTED, r.closeReason());
        assertEquals("aborted (RST)", r.getState());
        assertEquals(0, vm.openCountProperty().get());
        vm.tick(1_000 + ConnectionsViewModel.CLOSED_LINGER_MILLIS - 1);
        assertEquals(1, vm.rows().size());
        vm.tick(1_000 + ConnectionsViewModel.CLOSED_LINGER_MILLIS);
        assertTrue(vm.rows().isEmpty());
        assertNull(vm.row(1));
    }

    @Test
    void stateFollowsHalfCloseAndBackpressure() {
        open(1, "echo", ECHO, 50001, 0);
        bridge.outboundBuffer(1, 300_000, true);
        drain(0);
        assertEquals("paused (backpressure)", vm.row(1).getState());
        assertEquals(300_000, vm.row(1).getBuffered());
        bridge.outboundBuffer(1, 0, false);
        bridge.connectionStateChanged(1, ConnectionState.READ_CLOSED);
        drain(10);
        assertEquals("half-closed (peer FIN)", vm.row(1).getState());
        bridge.outboundBuffer(1, 10, false);
        drain(20);
        assertEquals("half-closed (peer FIN)", vm.row(1).getState(), "a buffer report alone keeps the state");
        bridge.connectionStateChanged(1, ConnectionState.CLOSING);
        drain(30);
        assertEquals("closing", vm.row(1).getState());
    }

    @Test
    void rowsFilterByTextAndByService() {
        open(1, "echo", ECHO, 50001, 0);
        open(2, "chat", CHAT, 50002, 0);
        open(3, "chat", CHAT, 60003, 0);
        drain(0);
        assertEquals(List.of("All services", "chat", "echo"), vm.serviceChoices());
        vm.serviceFilterProperty().set("chat");
        assertEquals(2, vm.visibleRows().size());
        vm.filterTextProperty().set("6000");
        assertEquals(1, vm.visibleRows().size());
        assertEquals(3, vm.visibleRows().get(0).id());
        vm.serviceFilterProperty().set(ConnectionsViewModel.ALL_SERVICES);
        vm.filterTextProperty().set("ECHO");
        assertEquals(1, vm.visibleRows().size());
        vm.filterTextProperty().set("");
        assertEquals(3, vm.visibleRows().size());
    }

    @Test
    void rateIsBytesPerSecondOverTheLastSecond() {
        open(1, "echo", ECHO, 50001, 0);
        drain(0);
        bridge.bytesReceived(1, ByteBuffer.allocate(4096));
        bridge.bytesSent(1, ByteBuffer.allocate(2048));
        drain(500);
        vm.tick(2_000);
        assertEquals(2048.0, vm.row(1).rateIn(), 0.001);
        assertEquals(1024.0, vm.row(1).rateOut(), 0.001);
        vm.tick(3_000);
        assertEquals(0.0, vm.row(1).rateIn(), 0.001);
    }

    @Test
    void udpPeersAppearAsFlowsWithDatagramsEachWayAndGoWhenIdle() {
        bridge.listenerStarted(new netmon.engine.monitor.ListenerInfo(4, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7002)));
        Address peer = new Address("UDP", "127.0.0.1", 40404);
        bridge.datagramReceived(4, peer, ByteBuffer.allocate(12));
        bridge.datagramSent(4, peer, ByteBuffer.allocate(12));
        bridge.datagramReceived(4, peer, ByteBuffer.allocate(3));
        drain(0);
        drain(10);
        assertEquals(1, vm.rows().size());
        ConnectionRow r = vm.rows().get(0);
        assertTrue(r.isDatagram());
        assertEquals("udp", r.protocol());
        assertEquals("u1", r.idText());
        assertEquals("127.0.0.1:40404", r.peerText());
        assertEquals("127.0.0.1:7002", r.hostText());
        assertEquals(2, r.getDatagramsIn());
        assertEquals(1, r.getDatagramsOut());
        assertEquals(15, r.getBytesIn());
        assertEquals("flow: 2 dg in, 1 out", r.getState());
        vm.tick(ConnectionsViewModel.FLOW_IDLE_MILLIS);
        assertTrue(r.isClosed());
        vm.tick(ConnectionsViewModel.FLOW_IDLE_MILLIS + ConnectionsViewModel.CLOSED_LINGER_MILLIS);
        assertTrue(vm.rows().isEmpty());
    }

    @Test
    void countsInTheTableEqualTheBytesThatWentThroughEvenWhenConnectionsWereFolded() {
        FxEventBridge small = new FxEventBridge(5, 5);
        long in = 0;
        for (int c = 1; c <= 40; c++) {
            small.connectionOpened(new ConnectionInfo(c, 1, "echo", "tcp", new Address("TCP", "127.0.0.1", 50000 + c), ECHO, 0, false));
            small.bytesReceived(c, ByteBuffer.allocate(c));
            in += c;
            if (c % 2 == 0) small.connectionClosed(c, CloseReason.DONE, null);
        }
        var batch = small.drain();
        vm.apply(batch, 0);
        ServicesViewModel services = new ServicesViewModel(new FakeEngine(), () -> 0);
        services.apply(batch.listeners());
        assertTrue(vm.foldedConnections() > 0);
        long shown = vm.rows().stream().mapToLong(ConnectionRow::getBytesIn).sum();
        assertTrue(shown < in, "some rows were folded");
        assertEquals(in, services.traffic(1)[0], "listener totals include folded connections");
    }

    @Test
    void underHeavyChurnOnlyTheNewestClosedRowsLinger() {
        int n = ConnectionsViewModel.MAX_CLOSED_ROWS + 500;
        for (int c = 1; c <= n; c++) {
            open(c, "echo", ECHO, 10000 + c, 0);
            bridge.connectionClosed(c, CloseReason.DONE, null);
        }
        drain(0);
        assertEquals(n, vm.rows().size());
        vm.tick(ConnectionsViewModel.STRUCTURE_MILLIS);
        assertEquals(ConnectionsViewModel.MAX_CLOSED_ROWS, vm.rows().size());
        assertNull(vm.row(1), "the oldest went first");
        assertNotNull(vm.row(n));
    }

    @Test
    void rowsArrivingSoonAfterAnotherChangeWaitAndGoInTogetherWithExpiredRowsAtTheNextTick() {
        int[] changes = {0};
        vm.rows().addListener((javafx.collections.ListChangeListener<ConnectionRow>) c -> changes[0]++);
        open(1, "echo", ECHO, 50001, 0);
        drain(0);
        assertEquals(1, vm.rows().size(), "the first row after a quiet spell goes in at once");
        assertEquals(1, changes[0]);
        bridge.connectionClosed(1, CloseReason.DONE, null);
        drain(100);
        open(2, "echo", ECHO, 50002, 200);
        drain(200);
        open(3, "echo", ECHO, 50003, 300);
        drain(300);
        assertEquals(List.of(1L), vm.rows().stream().map(ConnectionRow::id).toList(), "later rows wait");
        assertNotNull(vm.row(3), "a waiting row is already known by id");
        assertEquals(2, vm.openCountProperty().get());
        vm.tick(ConnectionsViewModel.STRUCTURE_MILLIS);
        assertEquals(List.of(1L, 2L, 3L), vm.rows().stream().map(ConnectionRow::id).toList());
        assertEquals(2, changes[0], "both rows came in as one change");
        vm.tick(100 + ConnectionsViewModel.CLOSED_LINGER_MILLIS);
        assertEquals(List.of(2L, 3L), vm.rows().stream().map(ConnectionRow::id).toList());
        assertNull(vm.row(1));
    }

    @Test
    void theSparklineKeepsOneBytesPerSecondSampleASecondOldestFirstForTheLastMinute() {
        open(1, "echo", ECHO, 50001, 0);
        drain(0);
        for (int s = 1; s <= 70; s++) {
            bridge.bytesReceived(1, ByteBuffer.allocate(10 * s));
            bridge.bytesSent(1, ByteBuffer.allocate(s));
            drain(s * 1000L - 10);
            vm.tick(s * 1000L);
            if (s == 3) assertArrayEquals(new float[] {11, 22, 33}, vm.row(1).sparkline());
        }
        float[] spark = vm.row(1).sparkline();
        assertEquals(ConnectionRow.SPARK_SECONDS, spark.length);
        assertEquals(11f * 11, spark[0], "the oldest kept second is the 11th");
        assertEquals(11f * 70, spark[spark.length - 1], "the newest is the last second");
    }

    @Test
    void theClockAndTheCountersArePublishedOnceASecond() {
        List<Long> clock = new java.util.ArrayList<>();
        List<Long> counters = new java.util.ArrayList<>();
        vm.clockProperty().addListener((o, a, b) -> clock.add(b.longValue()));
        vm.countersProperty().addListener((o, a, b) -> counters.add(b.longValue()));
        for (long t = 1_000; t <= 3_000; t += 250) vm.tick(t);
        assertEquals(List.of(1_000L, 2_000L, 3_000L), clock);
        assertEquals(List.of(1_000L, 2_000L, 3_000L), counters);
    }

    @Test
    void aClosedRowsAgeStopsWhenItClosed() {
        open(1, "echo", ECHO, 50001, 1_000);
        drain(1_000);
        assertEquals(4_000, vm.row(1).ageMillis(5_000));
        bridge.connectionClosed(1, CloseReason.DONE, null);
        drain(6_000);
        assertEquals(5_000, vm.row(1).ageMillis(9_000));
    }

    @Test
    void eachStepDoesOneJobRowsThenSamplesThenTheReSortThenTheClockThenTheCounters() {
        open(1, "echo", ECHO, 50001, 0);
        bridge.bytesReceived(1, ByteBuffer.allocate(100));
        drain(0);
        vm.tick(0);
        vm.setOrder(java.util.Comparator.comparingLong(ConnectionRow::getBytesIn).reversed());
        open(2, "echo", ECHO, 50002, 600);
        bridge.bytesReceived(2, ByteBuffer.allocate(5_000));
        drain(600);
        assertEquals(1, vm.rows().size(), "a row soon after another change waits for its step");
        List<String> changes = new java.util.ArrayList<>();
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<ConnectionRow>) c -> {
            while (c.next()) changes.add(c.wasPermutated() ? "permutation" : "rows");
        });
        long t = 1_000;
        vm.expire(t);
        assertTrue(vm.stepDue(t));
        assertTrue(vm.step(t));
        assertEquals(List.of("rows"), changes, "first the rows");
        assertEquals(0, vm.row(2).rateIn(), 0.0);
        assertTrue(vm.step(t));
        assertEquals(100, vm.row(1).rateIn(), 0.001, "then the rates, as plain fields");
        assertEquals(0, vm.clockProperty().get(), "nothing published yet");
        assertArrayEquals(new long[] {2, 1}, visibleIds(), "the new row was placed by the order when it came in");
        bridge.bytesReceived(1, ByteBuffer.allocate(10_000));
        drain(t);
        assertTrue(vm.step(t));
        assertEquals(List.of("rows", "permutation"), changes, "then the re-sort by the live counts");
        assertArrayEquals(new long[] {1, 2}, visibleIds());
        assertTrue(vm.step(t + 16));
        assertEquals(t + 16, vm.clockProperty().get(), "then the clock");
        assertEquals(0, vm.countersProperty().get());
        assertTrue(vm.step(t + 32));
        assertEquals(t + 32, vm.countersProperty().get(), "then the counters");
        assertFalse(vm.stepDue(t + 48));
        assertFalse(vm.step(t + 48));
    }

    @Test
    void ratesAreSampledASliceOfRowsPerStepAndNoRowsJoinInTheMiddle() {
        int n = ConnectionsViewModel.SAMPLE_SLICE + 10;
        for (int id = 1; id <= n; id++) open(id, "echo", ECHO, 10000 + id, 0);
        drain(0);
        vm.tick(0);
        for (int id = 1; id <= n; id++) bridge.bytesReceived(id, ByteBuffer.allocate(100));
        open(n + 1, "echo", ECHO, 9000, 600);
        drain(600);
        assertTrue(vm.step(1_000), "the waiting row goes in first");
        assertEquals(n + 1, vm.rows().size());
        assertTrue(vm.step(1_000));
        assertEquals(100, vm.row(1).rateIn(), 0.001);
        assertEquals(100, vm.row(ConnectionsViewModel.SAMPLE_SLICE).rateIn(), 0.001);
        assertEquals(0, vm.row(n).rateIn(), 0.0, "the rest waits for the next step");
        open(n + 2, "echo", ECHO, 9001, 1_016);
        drain(1_016);
        bridge.connectionClosed(1, CloseReason.DONE, null);
        drain(1_516);
        vm.expire(1_516 + ConnectionsViewModel.CLOSED_LINGER_MILLIS);
        assertTrue(vm.step(1_516));
        assertEquals(100_000 / 1_516.0, vm.row(n).rateIn(), 0.001, "the last slice, each row over its own interval");
        assertEquals(n + 1, vm.rows().size(), "no row joined or left in the middle of sampling");
        assertTrue(vm.step(1_532));
        assertEquals(n + 1, vm.rows().size(), "rows join and leave after the sampling, before the clock");
        assertNotNull(vm.row(n + 2));
        assertEquals(0, vm.clockProperty().get());
        assertTrue(vm.step(1_548));
        assertEquals(1_548, vm.clockProperty().get());
    }

    @Test
    void aSortByALiveCounterFollowsTheNewCountsAtTheNextClockTickNotOnEveryBatch() {
        for (int id = 1; id <= 3; id++) open(id, "echo", ECHO, 50000 + id, 0);
        bridge.bytesReceived(1, ByteBuffer.allocate(300));
        bridge.bytesReceived(2, ByteBuffer.allocate(200));
        bridge.bytesReceived(3, ByteBuffer.allocate(100));
        drain(0);
        vm.tick(0);
        vm.setOrder(java.util.Comparator.comparingLong(ConnectionRow::getBytesIn).reversed());
        assertArrayEquals(new long[] {1, 2, 3}, visibleIds());

        bridge.bytesReceived(3, ByteBuffer.allocate(1_000));
        drain(200);
        vm.tick(300);
        assertArrayEquals(new long[] {1, 2, 3}, visibleIds(), "between clock ticks rows stay where they are");
        vm.tick(1_300);
        assertArrayEquals(new long[] {3, 1, 2}, visibleIds(), "the clock tick sorts by the live counts");

        vm.setOrder(null);
        assertArrayEquals(new long[] {1, 2, 3}, visibleIds(), "no order: arrival order");
    }

    @Test
    void aLiveReSortIsOnePermutationOfTheVisibleRows() {
        for (int id = 1; id <= 4; id++) open(id, "echo", ECHO, 50000 + id, 0);
        drain(0);
        vm.tick(0);
        vm.setOrder(java.util.Comparator.comparingLong(ConnectionRow::getBytesIn));
        List<String> changes = new java.util.ArrayList<>();
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<ConnectionRow>) c -> {
            while (c.next()) changes.add(c.wasPermutated() ? "permutation" : c.wasAdded() || c.wasRemoved() ? "add/remove" : "update");
        });
        bridge.bytesReceived(1, ByteBuffer.allocate(50));
        drain(100);
        vm.tick(1_500);
        assertArrayEquals(new long[] {2, 3, 4, 1}, visibleIds());
        assertEquals(List.of("permutation"), changes);
    }

    long[] visibleIds() {
        return vm.visibleRows().stream().mapToLong(ConnectionRow::id).toArray();
    }
}
