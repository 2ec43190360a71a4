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

    /** The cheap periodic bookkeeping (highlight expiry, rows due to leave, listener rates) runs about this often. */
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
    /** A step was due but a drain took the pulse: the step goes first in the next one. */
    private boolean stepWaited;

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
     * One animation pulse: drains and applies the bridge's batch if it is time, or else does one step of the
     * view-models' periodic work if one is due (rows in and out of the table; rates and sparkline samples; the
     * re-sort; ages and rates redrawn; byte counts redrawn: see {@link ConnectionsViewModel#step}); never
     * more than one of these while pulses come often enough to give each its own. A pulse holding several
     * (a drain, a change of rows, the once-a-second update and its redraw) was the slowest of the run, and under
     * load the 99th percentile. A step that had to wait for a drain goes first in the next pulse. The cheap
     * bookkeeping ({@link ConnectionsViewModel#expire}, the listeners' rates) runs four times a second with
     * whatever else the pulse does. Returns true if it drained. FX thread.
     */
    public boolean pulse(long nowMillis) {
        if (nowMillis - lastTickMillis >= TICK_MILLIS) {
            lastTickMillis = nowMillis;
            connections.expire(nowMillis);
            services.tick(nowMillis);
        }
        boolean drainDue = nowMillis - lastDrainMillis >= DRAIN_INTERVAL_MILLIS;
        boolean stepDue = connections.stepDue(nowMillis);
        if (stepDue && (!drainDue || stepWaited)) {
            stepWaited = false;
            connections.step(nowMillis);
            return false;
        }
        if (!drainDue) return false;
        stepWaited = stepDue;
        lastDrainMillis = nowMillis;
        drain(nowMillis);
        return true;
    }

    /** Drains and applies at once, whatever the time since the last drain, and does all periodic work due. FX thread. */
    public void drainNow(long nowMillis) {
        drain(nowMillis);
        lastTickMillis = nowMillis;
        connections.tick(nowMillis);
        services.tick(nowMillis);
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

    /**
     * True once {@value #QUIET_DRAINS} drains in a row found nothing new, no rows wait to join or leave the
     * table and the once-a-second update has no steps left: the pump may stop pulsing until the bridge's next
     * event (see {@link FxEventBridge#wakeOnNextEvent}). FX thread.
     */
    public boolean quiet() {
        return emptyDrains >= QUIET_DRAINS && !connections.structurePending() && !connections.updatePending() && !stepWaited;
    }

    /** How long the last drain-and-apply took on the FX thread, in nanoseconds (for the benchmark and diagnostics). */
    public long lastDrainNanos() { return lastDrainNanos; }
}
