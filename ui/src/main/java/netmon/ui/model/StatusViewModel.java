package netmon.ui.model;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import netmon.engine.monitor.ReactorHealth;

/**
 * The status bar: the reactor's health as the monitor samples it (loop lag, pending delayed calls, open
 * connections) and the bridge's own figures (events per second delivered, queue depth). FX thread.
 */
public final class StatusViewModel {
    private final DoubleProperty loopLagMillis = new SimpleDoubleProperty(this, "loopLagMillis");
    private final DoubleProperty maxLoopLagMillis = new SimpleDoubleProperty(this, "maxLoopLagMillis");
    private final IntegerProperty pendingDelayedCalls = new SimpleIntegerProperty(this, "pendingDelayedCalls");
    private final IntegerProperty openConnections = new SimpleIntegerProperty(this, "openConnections");
    private final IntegerProperty openListeners = new SimpleIntegerProperty(this, "openListeners");
    private final DoubleProperty eventsPerSecond = new SimpleDoubleProperty(this, "eventsPerSecond");
    private final IntegerProperty queueDepth = new SimpleIntegerProperty(this, "queueDepth");
    private final LongProperty foldedConnections = new SimpleLongProperty(this, "foldedConnections");
    private final IntegerProperty maxQueueDepth = new SimpleIntegerProperty(this, "maxQueueDepth");
    private final LongProperty reactorBlocks = new SimpleLongProperty(this, "reactorBlocks");
    private final LongProperty lastBlockMillis = new SimpleLongProperty(this, "lastBlockMillis");

    private long eventsInWindow;
    private long windowStartMillis = -1;
    private int maxDepthInWindow;

    public ReadOnlyDoubleProperty loopLagMillisProperty() { return loopLagMillis; }
    public ReadOnlyDoubleProperty maxLoopLagMillisProperty() { return maxLoopLagMillis; }
    public ReadOnlyIntegerProperty pendingDelayedCallsProperty() { return pendingDelayedCalls; }
    /** Open TCP connections, as the reactor counts them. */
    public ReadOnlyIntegerProperty openConnectionsProperty() { return openConnections; }
    public ReadOnlyIntegerProperty openListenersProperty() { return openListeners; }
    /** Monitor events per second that went through the bridge, over the last second. */
    public ReadOnlyDoubleProperty eventsPerSecondProperty() { return eventsPerSecond; }
    /** Entries waiting in the bridge at the last look. */
    public ReadOnlyIntegerProperty queueDepthProperty() { return queueDepth; }
    /** The largest queue depth seen at a drain over the last second. */
    public ReadOnlyIntegerProperty maxQueueDepthProperty() { return maxQueueDepth; }
    /** Connections the bridge folded into totals because the UI was behind. */
    public ReadOnlyLongProperty foldedConnectionsProperty() { return foldedConnections; }

    /** How many times the watchdog saw a callback hold the reactor thread past its threshold. */
    public ReadOnlyLongProperty reactorBlocksProperty() { return reactorBlocks; }

    /** How long the latest such stall had lasted when reported, in ms. */
    public ReadOnlyLongProperty lastBlockMillisProperty() { return lastBlockMillis; }

    /** The watchdog's figures, as the bridge last saw them. */
    public void applyBlocked(long count, long lastMillis) {
        lastBlockMillis.set(lastMillis);
        reactorBlocks.set(count);
    }

    /** A new health sample. */
    public void applyHealth(ReactorHealth h) {
        if (h == null) return;
        loopLagMillis.set(h.loopLagMillis());
        maxLoopLagMillis.set(h.maxLoopLagMillis());
        pendingDelayedCalls.set(h.pendingDelayedCalls());
        openConnections.set(h.openConnections());
        openListeners.set(h.openListeners());
    }

    /**
     * Figures of one drain: events in it and the depth the queue had just before it. Returns true when it
     * closed a one-second window (the per-second figures changed).
     */
    public boolean applyDrain(long events, int depthBeforeDrain, long folded, long nowMillis) {
        if (windowStartMillis < 0) windowStartMillis = nowMillis;
        eventsInWindow += events;
        maxDepthInWindow = Math.max(maxDepthInWindow, depthBeforeDrain);
        foldedConnections.set(foldedConnections.get() + folded);
        long dt = nowMillis - windowStartMillis;
        if (dt >= 1000) {
            eventsPerSecond.set(eventsInWindow * 1000.0 / dt);
            maxQueueDepth.set(maxDepthInWindow);
            eventsInWindow = 0;
            maxDepthInWindow = 0;
            windowStartMillis = nowMillis;
            return true;
        }
        return false;
    }

    /** The bridge's current depth. */
    public void setQueueDepth(int depth) { queueDepth.set(depth); }
}
