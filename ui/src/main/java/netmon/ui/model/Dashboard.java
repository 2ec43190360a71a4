package netmon.ui.model;

import netmon.ui.bridge.BridgeBatch;
import netmon.ui.bridge.FxEventBridge;

/**
 * The window's three view-models and the pump that feeds them from the bridge: {@link #pulse(long)} is
 * called once per animation pulse on the FX thread, drains the bridge at most every
 * {@link #DRAIN_INTERVAL_MILLIS} and applies the batch. Toolkit-free, so tests pulse it by hand.
 */
public final class Dashboard {
    /** About 30 drains a second by default; {@code -Dnetmon.drainMillis=N} changes it (for measurements). */
    public static final long DRAIN_INTERVAL_MILLIS = Long.getLong("netmon.drainMillis", 33);

    /** The view-models tick (ages, rates, highlight expiry, rows leaving) about this often. */
    static final long TICK_MILLIS = 250;

    /** Empty drains in a row after which the window is quiet (a short tail so a burst's gaps don't stop the pump). */
    static final int QUIET_DRAINS = 2;
    private long lastBlockCount;

    private final FxEventBridge bridge;
    private final ServicesViewModel services;
    private final ConnectionsViewModel connections;
    private final StatusViewModel status;
    private long lastDrainMillis = Long.MIN_VALUE / 2;
    private long lastTickMillis = Long.MIN_VALUE / 2;
    private long lastDrainNanos;
    private int emptyDrains;
    /** A tick was due but a drain took the pulse: the tick goes first in the next one. */
    private boolean tickWaited;

    public Dashboard(FxEventBridge bridge, ServicesViewModel services, ConnectionsViewModel connections, StatusViewModel status) {
        this.bridge = bridge;
        this.services = services;
        this.connections = connections;
        this.status = status;
    }

    public FxEventBridge bridge() { return bridge; }
    public ServicesViewModel services() { return services; }
    public ConnectionsViewModel connections() { return connections; }
    public StatusViewModel status() { return status; }

    /**
     * One animation pulse: drains and applies if it is time, or runs the view-models' tick (ages, rates, rows
     * leaving, the re-sort) if that is due; never both while pulses come often enough to give each its own. The
     * drain and the tick are the two biggest jobs a pulse gets, and a pulse holding both was the slowest of the
     * run; a job that had to wait one pulse goes first in the next. Returns true if it drained. FX thread.
     */
    public boolean pulse(long nowMillis) {
        boolean drainDue = nowMillis - lastDrainMillis >= DRAIN_INTERVAL_MILLIS;
        boolean tickDue = nowMillis - lastTickMillis >= TICK_MILLIS;
        if (tickDue && (!drainDue || tickWaited)) {
            tickWaited = false;
            tick(nowMillis);
            return false;
        }
        if (!drainDue) return false;
        tickWaited = tickDue;
        lastDrainMillis = nowMillis;
        drain(nowMillis);
        return true;
    }

    /** Drains and applies at once, whatever the time since the last drain, and ticks if that is due. FX thread. */
    public void drainNow(long nowMillis) {
        drain(nowMillis);
        if (nowMillis - lastTickMillis >= TICK_MILLIS) tick(nowMillis);
    }

    private void drain(long nowMillis) {
        long t0 = System.nanoTime();
        int depth = bridge.pendingDepth();
        BridgeBatch b = bridge.drain();
        emptyDrains = b.events() == 0 && depth == 0 && bridge.reactorBlockCount() == lastBlockCount ? emptyDrains + 1 : 0;
        lastBlockCount = bridge.reactorBlockCount();
        connections.apply(b, nowMillis);
        services.apply(b.listeners());
        status.applyHealth(b.health());
        status.applyBlocked(bridge.reactorBlockCount(), bridge.lastReactorBlockMillis());
        // The depth changes on nearly every pulse under load, and each new text costs the window a CSS and
        // layout pass that competes with the reactor for the CPU: shown with the other per-second figures.
        if (status.applyDrain(b.events(), depth, b.foldedConnections(), nowMillis)) status.setQueueDepth(bridge.pendingDepth());
        lastDrainNanos = System.nanoTime() - t0;
    }

    private void tick(long nowMillis) {
        lastTickMillis = nowMillis;
        connections.tick(nowMillis);
        services.tick(nowMillis);
    }

    /**
     * True once {@value #QUIET_DRAINS} drains in a row found nothing new, no rows wait to join or leave the
     * table and no tick waits for its pulse: the pump may stop pulsing until the bridge's next event (see {@link FxEventBridge#wakeOnNextEvent}). FX thread.
     */
    public boolean quiet() { return emptyDrains >= QUIET_DRAINS && !connections.structurePending() && !tickWaited; }

    /** How long the last drain-and-apply took on the FX thread, in nanoseconds (for the benchmark and diagnostics). */
    public long lastDrainNanos() { return lastDrainNanos; }
}
