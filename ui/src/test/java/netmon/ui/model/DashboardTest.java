package netmon.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.protocol.Address;
import netmon.ui.bridge.FxEventBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DashboardTest {
    private final FxEventBridge bridge = new FxEventBridge();
    private final ConnectionsViewModel connections = new ConnectionsViewModel();
    private final Dashboard d = new Dashboard(bridge, new ServicesViewModel(new FakeEngine(), () -> 0), connections, new StatusViewModel());

    private static ConnectionInfo conn(long id) {
        Address host = new Address("TCP", "127.0.0.1", 7000);
        return new ConnectionInfo(id, 1, "echo", "tcp", new Address("TCP", "127.0.0.1", 40000 + (int) id), host, 1000, false);
    }

    @Test
    void theWindowIsQuietOnlyAfterTwoDrainsInARowFoundNothing() {
        d.drainNow(1000);
        assertFalse(d.quiet());
        d.drainNow(1040);
        assertTrue(d.quiet());
    }

    @Test
    void anyEventOrStallMakesTheWindowBusyAgainAndItsBytesAreShown() {
        d.drainNow(1000);
        d.drainNow(1040);
        assertTrue(d.quiet());
        bridge.connectionOpened(conn(1));
        bridge.bytesReceived(1, ByteBuffer.allocate(42));
        d.drainNow(1080);
        assertFalse(d.quiet());
        assertEquals(1, connections.rows().size());
        assertEquals(42, connections.rows().get(0).bytesIn);
        d.drainNow(1120);
        d.drainNow(1160);
        assertTrue(d.quiet());
        bridge.reactorBlocked(1500, "stack");
        d.drainNow(1200);
        assertFalse(d.quiet());
    }

    @Test
    void pulsesCloserThanTheDrainIntervalDoNotDrain() {
        assertTrue(d.pulse(1000));
        assertFalse(d.pulse(1000 + Dashboard.DRAIN_INTERVAL_MILLIS - 1));
        assertTrue(d.pulse(1000 + Dashboard.DRAIN_INTERVAL_MILLIS));
    }

    @Test
    void rowsWaitingToJoinTheTableKeepTheWindowBusyUntilTheyAreShown() {
        d.drainNow(1000);
        bridge.connectionOpened(conn(1));
        d.drainNow(1080);
        bridge.connectionOpened(conn(2));
        d.drainNow(1120);
        d.drainNow(1160);
        d.drainNow(1200);
        assertEquals(1, connections.rows().size(), "the second row waits for the next structure change");
        assertFalse(d.quiet());
        d.drainNow(1000 + ConnectionsViewModel.STRUCTURE_MILLIS + 100);
        assertEquals(2, connections.rows().size());
        assertTrue(d.quiet());
    }

    @Test
    void aPulseEitherDrainsOrDoesOneStepAndAStepThatWaitedGoesFirst() {
        assertTrue(d.pulse(1000), "a drain and the once-a-second update both due: the drain goes first");
        assertFalse(d.pulse(1016), "the next pulse does the update's first step (sampling), though no drain is due");
        assertEquals(0, connections.clockProperty().get());
        assertFalse(d.pulse(1032));
        assertEquals(1032, connections.clockProperty().get(), "then the clock, in a pulse of its own");
        assertEquals(0, connections.countersProperty().get());
        assertTrue(d.pulse(1048), "a drain is due and the counters' step had not waited: it drains");
        assertEquals(0, connections.countersProperty().get());
        assertFalse(d.pulse(1064), "now the step that waited goes first");
        assertEquals(1064, connections.countersProperty().get());
        assertTrue(d.pulse(1100));
    }

    @Test
    void theWindowIsNotQuietWhileTheOnceASecondUpdateHasStepsLeft() {
        d.pulse(1000);
        d.pulse(1016);
        assertTrue(d.pulse(1050));
        assertFalse(d.quiet(), "two empty drains, but the clock's step waits for its pulse");
        assertFalse(d.pulse(1066));
        assertFalse(d.quiet(), "the counters' step is left");
        assertFalse(d.pulse(1082));
        assertTrue(d.quiet());
    }
}
