package netmon.engine.monitor;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where engine code reports events and watchers attach. Reporting costs one volatile read when nobody
 * watches: callers write {@code MonitorListener m = hub.listener(); if (m != MonitorListener.NONE) ...}
 * or just call through {@link #listener()} (the NONE listener does nothing). Adding and removing watchers
 * is thread-safe; events are delivered on the reporting thread.
 *
 * <p>A listener that throws is logged and the event goes on to the others: a broken watcher must not
 * break the engine.
 */
public final class MonitorHub {
    private static final Logger log = LoggerFactory.getLogger(MonitorHub.class);
    private static final MonitorHub DEFERREDS = new MonitorHub();

    private final List<MonitorListener> listeners = new ArrayList<>();
    private volatile MonitorListener current = MonitorListener.NONE;
    private long wokeNanos; // written and read on the reporting thread only

    /** The process-wide hub that Deferreds report to (Deferreds have no reactor of their own). */
    public static MonitorHub deferreds() { return DEFERREDS; }

    /** The listener to report to: {@link MonitorListener#NONE} when nobody watches. */
    public MonitorListener listener() { return current; }

    /** True when at least one watcher is attached. */
    public boolean isWatched() { return current != MonitorListener.NONE; }

    /**
     * Records when the reporting reactor woke up, as the {@link System#nanoTime()} it read then: a watcher that
     * stamps many events per iteration (the capture, a chunk each) reads this back with {@link #wokeNanos()}
     * instead of reading the clock for each event. Called by the reactor, on its thread.
     */
    public void woke(long nanoTime) { wokeNanos = nanoTime; }

    /**
     * The {@link System#nanoTime()} of the reporting reactor's last wake-up, 0 if it never woke (a reactor that
     * does not call {@link #woke}, or before its first iteration). On the reporting thread (the reactor's),
     * where events are delivered.
     */
    public long wokeNanos() { return wokeNanos; }

    /** Attaches a watcher. */
    public synchronized void add(MonitorListener l) {
        listeners.add(l);
        rebuild();
    }

    /** Detaches a watcher. */
    public synchronized void remove(MonitorListener l) {
        listeners.remove(l);
        rebuild();
    }

    private void rebuild() {
        if (listeners.isEmpty()) current = MonitorListener.NONE;
        else if (listeners.size() == 1) current = new GuardedListener(listeners.get(0));
        else current = new ForwardingListener(listeners.toArray(new MonitorListener[0]));
    }

    static void failed(MonitorListener l, Throwable t) {
        log.warn("monitor listener {} threw; event dropped for it", l, t);
    }
}
