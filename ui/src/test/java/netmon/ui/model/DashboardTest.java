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
    void aPulseEitherDrainsOrTicksAndAJobThatWaitedGoesFirst() {
        assertTrue(d.pulse(1000), "drain and tick both due: the drain goes first");
        assertEquals(0, connections.refreshProperty().get(), "and the tick waits");
        assertFalse(d.pulse(1016), "the next pulse ticks, though a drain is not due");
        assertEquals(1016, connections.refreshProperty().get());
        // Pulses 40 ms apart: each could drain. When the tick falls due, one drain waits a pulse for it.
        long t = 1016;
        while (t + 40 < 1016 + Dashboard.TICK_MILLIS) {
            t += 40;
            assertTrue(d.pulse(t));
        }
        t += 40;
        assertTrue(d.pulse(t), "the tick is due but the drain had not waited: it drains");
        assertEquals(1016, connections.refreshProperty().get());
        t += 40;
        assertFalse(d.pulse(t), "now the tick that waited goes first");
        assertEquals(t, connections.refreshProperty().get());
        assertTrue(d.pulse(t + 40));
    }

    @Test
    void theWindowIsNotQuietWhileATickWaitsForItsPulse() {
        d.pulse(1000);
        d.pulse(1016);
        d.pulse(1050);
        assertTrue(d.quiet(), "two empty drains, nothing waiting");
        assertTrue(d.pulse(1016 + Dashboard.TICK_MILLIS), "a drain and a tick due: it drains");
        assertFalse(d.quiet(), "the tick has not run yet");
        assertFalse(d.pulse(1016 + Dashboard.TICK_MILLIS + 16));
        assertTrue(d.quiet());
    }
}
