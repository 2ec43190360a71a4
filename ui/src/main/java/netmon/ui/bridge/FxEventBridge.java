package netmon.ui.bridge;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.DeferredEvent;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.monitor.ReactorHealth;
import netmon.engine.protocol.Address;

/**
 * The one door from the engine's monitor to the FX thread. The reactor thread calls the
 * {@link MonitorListener} methods; each is a map lookup and a counter update under a short lock. The FX
 * thread calls {@link #drain()} at most once per pulse and gets everything since the previous drain as
 * one {@link BridgeBatch}.
 *
 * <p>Memory is bounded whatever the event rate: bytes are coalesced per connection (one entry per
 * connection touched since the last drain, however many events it had), UDP traffic per flow (at most
 * {@code maxPendingFlows} flows, the rest counted only in their listener's totals), listener events in a
 * bounded queue. When the UI falls so far behind that more than {@code maxPendingConnections} entries
 * wait, connections that both opened and closed in the meantime are folded into their listener's totals
 * instead of keeping an entry each. Byte counts are never dropped: the sum over a listener's connections
 * and its {@link ListenerDelta}s always equals the bytes the engine reported.
 *
 * <p>Nothing here touches the toolkit, so tests drive it by calling {@link #drain()} by hand.
 */
public final class FxEventBridge implements MonitorListener {
    /** Default bound on pending connection entries before short-lived connections are folded. */
    public static final int DEFAULT_MAX_PENDING_CONNECTIONS = 50_000;
    /** Default bound on distinct UDP flows kept between two drains. */
    public static final int DEFAULT_MAX_PENDING_FLOWS = 4_096;
    /** Bound on listener events kept between two drains (oldest dropped first). */
    public static final int MAX_LISTENER_EVENTS = 256;

    private final int maxPendingConnections;
    private final int maxPendingFlows;
    private final Object lock = new Object();

    // Survives drains: which listener each live connection belongs to, and what each listener is.
    private final Map<Long, Tracked> live = new HashMap<>();
    private final Map<Long, ListenerInfo> listeners = new HashMap<>();

    // Swapped out on each drain.
    private LinkedHashMap<Long, ConnectionDelta> connections = new LinkedHashMap<>();
    private HashMap<Long, ListenerDelta> listenerDeltas = new HashMap<>();
    private LinkedHashMap<FlowKey, FlowDelta> flows = new LinkedHashMap<>();
    private ArrayDeque<ListenerEvent> listenerEvents = new ArrayDeque<>();
    private ReactorHealth health;
    // Written only by the reactor's single watchdog thread, read by the FX thread.
    private volatile long blockCount;
    private volatile long lastBlockMillis;
    private long events;
    private long folded;
    private long droppedListenerEvents;
    // Bumped on each drain: a Tracked whose generation differs holds entries of a batch already handed over.
    private long generation;

    private volatile int depth;
    // Under the lock: a plain increment per event, where an atomic one cost a locked instruction more.
    private long totalEvents;
    private long totalFolded;
    // Under the lock: the connection the previous event was about. Byte events come in runs for one
    // connection (a read, then the echo's write), so most find their entry here without a map lookup
    // (and without boxing the id).
    private long lastId;
    private Tracked lastTracked;
    // Set by the FX side when its pump goes to sleep; the first event after that runs it once (idle to busy).
    private final java.util.concurrent.atomic.AtomicReference<Runnable> wakeUp = new java.util.concurrent.atomic.AtomicReference<>();

    /** A bridge with the default bounds. */
    public FxEventBridge() {
        this(DEFAULT_MAX_PENDING_CONNECTIONS, DEFAULT_MAX_PENDING_FLOWS);
    }

    /** A bridge with explicit bounds (small ones make folding testable). */
    public FxEventBridge(int maxPendingConnections, int maxPendingFlows) {
        if (maxPendingConnections < 1 || maxPendingFlows < 1) throw new IllegalArgumentException("bounds must be positive");
        this.maxPendingConnections = maxPendingConnections;
        this.maxPendingFlows = maxPendingFlows;
    }

    // ---------------------------------------------------------------- FX side

    /**
     * Takes everything collected since the previous drain. Call it from one thread (the FX thread,
     * once per pulse); it never blocks for longer than the reactor's own short updates.
     */
    public BridgeBatch drain() {
        synchronized (lock) {
            BridgeBatch batch = new BridgeBatch(connections.values(), listenerDeltas.values(), flows.values(),
                    new ArrayList<>(listenerEvents), health, events, folded, droppedListenerEvents);
            connections = new LinkedHashMap<>();
            listenerDeltas = new HashMap<>();
            flows = new LinkedHashMap<>();
            listenerEvents = new ArrayDeque<>();
            health = null;
            events = 0;
            folded = 0;
            droppedListenerEvents = 0;
            depth = 0;
            generation++;
            return batch;
        }
    }

    /** Entries waiting for the next drain (connections, flows, listener events): the status bar's queue depth. Any thread. */
    public int pendingDepth() { return depth; }

    /**
     * Asks to be told once when the next event arrives, so the FX side can stop polling while nothing happens.
     * Returns false (and arms nothing) if events are already waiting for a drain: the caller should keep
     * draining. Otherwise {@code onEvent} runs once, on the thread that reports the next event (the reactor's,
     * or the watchdog's for a stall), so it must be cheap and must not call back into the bridge (e.g. a
     * {@code Platform.runLater}). Arming again replaces a wake-up that has not run yet. Any thread.
     */
    public boolean wakeOnNextEvent(Runnable onEvent) {
        synchronized (lock) {
            if (events > 0 || depth > 0 || health != null) return false;
            wakeUp.set(onEvent);
            return true;
        }
    }

    /** Disarms a wake-up set by {@link #wakeOnNextEvent} that has not run yet. Any thread. */
    public void cancelWakeUp() { wakeUp.set(null); }

    /** Runs the armed wake-up, if any, once. One volatile read per event on the hot path; the swap happens once per idle spell. */
    private void wake() {
        if (wakeUp.get() == null) return;
        Runnable r = wakeUp.getAndSet(null);
        if (r != null) r.run();
    }

    /** Stalls the reactor's watchdog reported so far (any thread). */
    public long reactorBlockCount() { return blockCount; }

    /** How long the latest reported stall had lasted, in ms; 0 if none (any thread). */
    public long lastReactorBlockMillis() { return lastBlockMillis; }

    /** Monitor events received since the bridge was made. Any thread. */
    public long totalEvents() {
        synchronized (lock) {
            return totalEvents;
        }
    }

    /** Connections folded into listener totals since the bridge was made. Any thread. */
    public long totalFolded() {
        synchronized (lock) {
            return totalFolded;
        }
    }

    // ---------------------------------------------------------------- reactor side

    private void updateDepth() {
        depth = connections.size() + flows.size() + listenerEvents.size();
    }

    /** The live connection {@code id}, or null if it is not (or no longer) open. Under the lock. */
    private Tracked live(long id) {
        Tracked t = lastTracked;
        if (t != null && lastId == id) return t;
        t = live.get(id);
        if (t != null) {
            lastId = id;
            lastTracked = t;
        }
        return t;
    }

    private ConnectionDelta connection(long id) {
        Tracked t = live(id);
        if (t != null) return connection(id, t);
        ConnectionDelta d = connections.get(id);
        if (d == null) {
            d = new ConnectionDelta(id, null);
            connections.put(id, d);
            updateDepth();
        }
        return d;
    }

    private void current(Tracked t) {
        if (t.generation != generation) {
            t.generation = generation;
            t.pending = null;
            t.listenerPending = null;
        }
    }

    private ConnectionDelta connection(long id, Tracked t) {
        current(t);
        ConnectionDelta d = t.pending;
        if (d == null) {
            d = new ConnectionDelta(id, t);
            t.pending = d;
            connections.put(id, d);
            updateDepth();
        }
        return d;
    }

    private ListenerDelta listenerDelta(Tracked t) {
        current(t);
        ListenerDelta l = t.listenerPending;
        if (l == null) {
            l = listenerDelta(t.listenerId);
            t.listenerPending = l;
        }
        return l;
    }

    private ListenerDelta listenerDelta(long listenerId) {
        return listenerDeltas.computeIfAbsent(listenerId, ListenerDelta::new);
    }

    private ListenerDelta listenerDeltaOfConnection(long connectionId) {
        Tracked t = live(connectionId);
        return t == null ? listenerDelta(0L) : listenerDelta(t);
    }

    private void listenerEvent(ListenerEvent e) {
        if (listenerEvents.size() >= MAX_LISTENER_EVENTS) {
            listenerEvents.removeFirst();
            droppedListenerEvents++;
        }
        listenerEvents.addLast(e);
        updateDepth();
    }

    private void counted() {
        events++;
        totalEvents++;
        wake();
    }

    @Override
    public void listenerStarted(ListenerInfo listener) {
        synchronized (lock) {
            counted();
            listeners.put(listener.id(), listener);
            listenerEvent(new ListenerEvent(ListenerEvent.Kind.STARTED, listener, listener.service(), null));
        }
    }

    @Override
    public void listenerStopped(ListenerInfo listener) {
        synchronized (lock) {
            counted();
            listeners.remove(listener.id());
            listenerEvent(new ListenerEvent(ListenerEvent.Kind.STOPPED, listener, listener.service(), null));
        }
    }

    @Override
    public void listenerFailed(String name, String description, Throwable error) {
        String why = error == null ? "unknown error" : (error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName());
        synchronized (lock) {
            counted();
            listenerEvent(new ListenerEvent(ListenerEvent.Kind.FAILED, null, name, description + ": " + why));
        }
    }

    @Override
    public void connectionRefused(long listenerId, Address peer, String why) {
        synchronized (lock) {
            counted();
        }
    }

    @Override
    public void connectionOpened(ConnectionInfo c) {
        synchronized (lock) {
            counted();
            Tracked t = new Tracked(c.listenerId());
            live.put(c.id(), t);
            lastId = c.id();
            lastTracked = t;
            connection(c.id(), t).opened = c;
            listenerDelta(c.listenerId()).opened++;
        }
    }

    @Override
    public void bytesReceived(long id, ByteBuffer data) {
        int n = data.remaining();
        synchronized (lock) {
            counted();
            Tracked t = live(id);
            if (t == null) {
                connection(id).bytesIn += n;
                listenerDelta(0L).bytesIn += n;
            } else {
                connection(id, t).bytesIn += n;
                listenerDelta(t).bytesIn += n;
            }
        }
    }

    @Override
    public void bytesSent(long id, ByteBuffer data) {
        int n = data.remaining();
        synchronized (lock) {
            counted();
            Tracked t = live(id);
            if (t == null) {
                connection(id).bytesOut += n;
                listenerDelta(0L).bytesOut += n;
            } else {
                connection(id, t).bytesOut += n;
                listenerDelta(t).bytesOut += n;
            }
        }
    }

    @Override
    public void outboundBuffer(long id, long bufferedBytes, boolean readingPaused) {
        synchronized (lock) {
            counted();
            ConnectionDelta d = connection(id);
            d.buffered = bufferedBytes;
            d.readingPaused = readingPaused;
        }
    }

    @Override
    public void connectionStateChanged(long id, ConnectionState state) {
        synchronized (lock) {
            counted();
            connection(id).state = state;
        }
    }

    @Override
    public void connectionClosed(long id, CloseReason reason, String message) {
        synchronized (lock) {
            counted();
            listenerDeltaOfConnection(id).closed++;
            ConnectionDelta d = connection(id);
            live.remove(id);
            if (lastId == id) lastTracked = null;
            if (d.opened != null && connections.size() > maxPendingConnections) {
                // The UI is far behind and never saw this one: keep its bytes in the listener totals only.
                connections.remove(id);
                folded++;
                totalFolded++;
                updateDepth();
                return;
            }
            d.state = ConnectionState.CLOSED;
            d.closeReason = reason;
            d.closeMessage = message;
        }
    }

    @Override
    public void datagramReceived(long listenerId, Address from, ByteBuffer data) {
        int n = data.remaining();
        synchronized (lock) {
            counted();
            ListenerDelta l = listenerDelta(listenerId);
            l.datagramsIn++;
            l.bytesIn += n;
            FlowDelta f = flow(listenerId, from);
            if (f != null) {
                f.datagramsIn++;
                f.bytesIn += n;
            }
        }
    }

    @Override
    public void datagramSent(long listenerId, Address to, ByteBuffer data) {
        int n = data.remaining();
        synchronized (lock) {
            counted();
            ListenerDelta l = listenerDelta(listenerId);
            l.datagramsOut++;
            l.bytesOut += n;
            FlowDelta f = flow(listenerId, to);
            if (f != null) {
                f.datagramsOut++;
                f.bytesOut += n;
            }
        }
    }

    private FlowDelta flow(long listenerId, Address peer) {
        FlowKey key = new FlowKey(listenerId, peer);
        FlowDelta f = flows.get(key);
        if (f == null) {
            if (flows.size() >= maxPendingFlows) return null;
            ListenerInfo li = listeners.get(listenerId);
            f = new FlowDelta(listenerId, li == null ? "udp" : li.service(), li == null ? null : li.host(), peer);
            flows.put(key, f);
            updateDepth();
        }
        return f;
    }

    /**
     * Called on the watchdog thread, not the reactor thread (the reactor thread is the one stuck), so it
     * only publishes two volatile figures for the next drain to read.
     */
    @Override
    public void reactorBlocked(long blockedMillis, String reactorStack) {
        lastBlockMillis = blockedMillis;
        blockCount++;
        wake();
    }

    @Override
    public void reactorHealth(ReactorHealth h) {
        synchronized (lock) {
            counted();
            health = h;
        }
    }

    @Override
    public void deferredEvent(DeferredEvent event) {
        synchronized (lock) {
            counted();
        }
    }

    private record FlowKey(long listenerId, Address peer) {}
}
