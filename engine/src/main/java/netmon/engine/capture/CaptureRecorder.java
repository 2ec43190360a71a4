package netmon.engine.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;

/**
 * Records the traffic the monitor reports: every chunk of every TCP connection (in order, with its
 * direction, time and size) and every datagram of every UDP flow (a listener and one peer), with the
 * connection's metadata. Attach it with {@code reactor.monitor().add(recorder)}; read it from any thread
 * with {@link #snapshot()}.
 *
 * <p>Memory is bounded twice. Each connection or flow keeps at most {@link #byteBudget()} bytes (1 MiB by
 * default): past that the oldest chunks are dropped and counted as "not kept" (a TCP chunk bigger than the
 * whole budget keeps only its tail); a full ring drops a little ahead (a page, or 1/256 of its budget if less)
 * so that most chunks cost no drop. The bytes live in one ring per connection, in 4 KiB pages of direct
 * memory (outside the Java heap, so that what a capture holds costs the collector nothing) added as it
 * fills up to the budget and reused when it wraps, so recording copies nothing as it grows and allocates
 * nothing in the steady state; to bound the bookkeeping of tiny chunks (16 bytes each), at most one chunk per
 * {@value #BYTES_PER_CHUNK} bytes of budget is kept (32,768 for 1 MiB). At most
 * {@link #maxTracked()} connections and flows are tracked (10,000 by default): a new one evicts the oldest
 * closed one first, the oldest open one if none is closed. An optional total budget
 * ({@link #setTotalBudget}) caps the bytes of all of them together.
 *
 * <p>Capture can be switched off globally ({@link #setEnabled}) and per listener, by id or by service name.
 * Switched off globally, new connections and flows are not tracked at all. Switched off for a listener or a
 * service, its connections and flows are still tracked (a viewer lists them with their counters and state)
 * but their bytes are counted, not kept; {@link #isCapturing(long, String)} with a connection's or flow's
 * listener id and service tells a viewer why it has no bytes. Either way, the bytes of connections already
 * tracked when capture goes off are counted but not kept, so the stream offsets stay true.
 *
 * <p>Threading: events come from one thread at a time (the monitor calls this on its reactor's thread). The
 * records are single-writer: a bytes event is a cached lookup, one copy into the connection's ring and a few
 * plain stores, with no lock and no atomic instruction. {@link #snapshot()}, the other readers and the
 * settings may be used from any thread: readers copy under a per-record sequence lock and never block the
 * writer (see {@code Record}).
 */
public final class CaptureRecorder implements MonitorListener {
    /** The default per-connection byte budget: 1 MiB. */
    public static final long DEFAULT_BYTE_BUDGET = 1L << 20;
    /** The default cap on tracked connections and flows. */
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    private final LongSupplier clock; // for readers: the time now
    private final LongSupplier eventClock; // for events, on the reporting thread
    private final ConcurrentHashMap<Long, ConnRecord> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FlowKey, FlowRecord> flows = new ConcurrentHashMap<>();

    // Guarded by structure: eviction order and the listeners seen.
    private final Object structure = new Object();
    private final LinkedHashSet<Record> openOrder = new LinkedHashSet<>();
    private final LinkedHashSet<Record> closedOrder = new LinkedHashSet<>();
    private final LinkedHashMap<Long, ListenerInfo> listeners = new LinkedHashMap<>();
    private long nextSeq;

    private volatile long byteBudget;
    private volatile long totalBudget = Long.MAX_VALUE;
    // Bytes kept by every record together, as the writer (the reporting thread) sees it: only it changes the
    // records' rings, so it keeps this sum in a plain field. Another thread that forgets records or lowers the
    // budget bumps the epoch, and the writer recounts before it next relies on the sum.
    private long writerKept;
    private int writerEpoch;
    private volatile int epoch;
    private volatile int maxTracked;
    private volatile boolean enabled = true;
    // Replaced whole on change, so the hot path reads them without a lock.
    private volatile Set<Long> offListeners = Set.of();
    private volatile Set<String> offServices = Set.of();

    /** A recorder with the default budget (1 MiB per connection) and cap (10,000 tracked). */
    public CaptureRecorder() {
        this(DEFAULT_BYTE_BUDGET, DEFAULT_MAX_TRACKED);
    }

    /** A recorder keeping at most {@code byteBudget} bytes per connection or flow and tracking at most {@code maxTracked}. */
    public CaptureRecorder(long byteBudget, int maxTracked) {
        this(byteBudget, maxTracked, (MonitorHub) null);
    }

    /**
     * A recorder for the events of {@code stamps}' reactor: each event is stamped with the time that reactor
     * last woke up ({@link MonitorHub#wokeNanos()}), so a chunk costs no clock read of its own; the chunks an
     * iteration reports share its time. Attach it to the same hub: {@code stamps.add(recorder)}.
     */
    public CaptureRecorder(long byteBudget, int maxTracked, MonitorHub stamps) {
        this(byteBudget, maxTracked, new WallClock(), stamps);
    }

    CaptureRecorder(long byteBudget, int maxTracked, LongSupplier clockMicros) {
        this(byteBudget, maxTracked, clockMicros, clockMicros);
    }

    private CaptureRecorder(long byteBudget, int maxTracked, WallClock wall, MonitorHub stamps) {
        this(byteBudget, maxTracked, wall, stamps == null ? wall : wall.stampedBy(stamps));
    }

    private CaptureRecorder(long byteBudget, int maxTracked, LongSupplier clockMicros, LongSupplier eventClock) {
        if (byteBudget < 0) throw new IllegalArgumentException("byteBudget < 0: " + byteBudget);
        if (maxTracked < 1) throw new IllegalArgumentException("maxTracked < 1: " + maxTracked);
        this.byteBudget = byteBudget;
        this.maxTracked = maxTracked;
        this.clock = clockMicros;
        this.eventClock = eventClock;
    }

    /**
     * Wall-clock microseconds, read from the monotonic clock after one wall-clock reading: cheaper than
     * {@code Instant.now()} per chunk and never going backwards within a capture.
     */
    private static final class WallClock implements LongSupplier {
        final long baseMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        final long baseNanos = System.nanoTime();

        @Override
        public long getAsLong() { return micros(System.nanoTime()); }

        long micros(long nanoTime) { return baseMicros + (nanoTime - baseNanos) / 1000; }

        /** The same clock read at the hub's reactor's last wake-up (now, if it has not woken yet). Its thread. */
        LongSupplier stampedBy(MonitorHub hub) {
            return () -> {
                long woke = hub.wokeNanos();
                return micros(woke == 0 ? System.nanoTime() : woke);
            };
        }
    }

    // ---- settings

    /** The per-connection (and per-flow) byte budget. */
    public long byteBudget() { return byteBudget; }

    /**
     * Changes the byte budget. Tracked connections over the new budget drop their oldest chunks: every copy
     * taken from now on leaves them out (and counts them as not kept), and the recording thread frees their
     * room at its next event.
     */
    public void setByteBudget(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("byteBudget < 0: " + bytes);
        byteBudget = bytes;
        epoch++;
    }

    /** The cap on bytes kept by all connections and flows together (unlimited by default). */
    public long totalBudget() { return totalBudget; }

    /**
     * Caps the bytes kept by all connections and flows together. Past it, the oldest closed connections and
     * flows are forgotten first; if that is not enough, the connection or flow that is recording drops its own
     * oldest chunks (keeping its newest; a page, or 1/256 of the cap, more than needed, so that the next chunks
     * do not each shed again), so a busy stream pays for its bytes, not the quiet ones.
     */
    public void setTotalBudget(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("totalBudget < 0: " + bytes);
        totalBudget = bytes;
        epoch++;
    }

    /** Bytes kept now by all connections and flows together. */
    public long keptBytes() {
        long budget = byteBudget;
        long n = 0;
        for (Record r : connections.values()) n += keptOf(r, budget);
        for (Record r : flows.values()) n += keptOf(r, budget);
        return n;
    }

    private static long keptOf(Record r, long budget) {
        ChunkRing.View v;
        int ver;
        do {
            ver = r.beginRead();
            v = r.ring.view();
        } while (!r.validate(ver));
        long kept = v.keptBytes();
        for (long s = v.firstSeq(); s < v.nextSeq() && kept > budget; s++) kept -= v.size(s);
        return kept;
    }

    /** The cap on tracked connections and flows together. */
    public int maxTracked() { return maxTracked; }

    /** Changes the cap; it takes effect as new connections and flows arrive. */
    public void setMaxTracked(int max) {
        if (max < 1) throw new IllegalArgumentException("maxTracked < 1: " + max);
        maxTracked = max;
    }

    /** True unless capture is switched off globally. */
    public boolean isEnabled() { return enabled; }

    /** Switches capture on or off for everything. */
    public void setEnabled(boolean on) { enabled = on; }

    /** Switches capture on or off for one listener, by its monitor id. */
    public synchronized void setListenerEnabled(long listenerId, boolean on) {
        Set<Long> s = new HashSet<>(offListeners);
        if (on) s.remove(listenerId);
        else s.add(listenerId);
        offListeners = Set.copyOf(s);
    }

    /** Switches capture on or off for every listener (and outgoing connection) of a service, e.g. {@code echo}. */
    public synchronized void setServiceEnabled(String service, boolean on) {
        Set<String> s = new HashSet<>(offServices);
        if (on) s.remove(service);
        else s.add(service);
        offServices = Set.copyOf(s);
    }

    /** True unless capture was switched off for this listener with {@link #setListenerEnabled}. */
    public boolean isListenerEnabled(long listenerId) {
        return !offListeners.contains(listenerId);
    }

    /** True unless capture was switched off for this service with {@link #setServiceEnabled}. */
    public boolean isServiceEnabled(String service) {
        return !offServices.contains(service);
    }

    /** True when traffic of this listener and service is captured now. */
    public boolean isCapturing(long listenerId, String service) {
        if (!enabled) return false;
        Set<Long> ol = offListeners;
        Set<String> os = offServices;
        return (ol.isEmpty() || !ol.contains(listenerId)) && (os.isEmpty() || service == null || !os.contains(service));
    }

    /** Forgets every connection and flow (listeners are kept). */
    public void clear() {
        synchronized (structure) {
            for (Record r : connections.values()) forget(r);
            for (Record r : flows.values()) forget(r);
            connections.clear();
            flows.clear();
            openOrder.clear();
            closedOrder.clear();
        }
        epoch++;
    }

    // ---- monitor events (reactor thread)

    @Override
    public void listenerStarted(ListenerInfo listener) {
        synchronized (structure) {
            listeners.put(listener.id(), listener);
        }
    }

    @Override
    public void listenerStopped(ListenerInfo listener) {
        for (FlowRecord f : flows.values()) {
            if (f.key.listenerId() == listener.id() && f.markClosed()) closed(f);
        }
    }

    @Override
    public void connectionOpened(ConnectionInfo c) {
        if (!enabled) return;
        ConnRecord r = new ConnRecord(c, eventClock.getAsLong(), pool);
        synchronized (structure) {
            admit(r);
            connections.put(c.id(), r);
        }
    }

    @Override
    public void bytesReceived(long id, ByteBuffer data) {
        ConnRecord r = record(id);
        if (r != null) recorded(r, r.append(Direction.IN, data, eventClock.getAsLong(), byteBudget,
                isCapturing(r.listenerId, r.service)));
    }

    @Override
    public void bytesSent(long id, ByteBuffer data) {
        ConnRecord r = record(id);
        if (r != null) recorded(r, r.append(Direction.OUT, data, eventClock.getAsLong(), byteBudget,
                isCapturing(r.listenerId, r.service)));
    }

    // Records forgotten (by any thread, under structure) whose pages the writer has yet to give back to the
    // pool: only the writer may, as it may be appending to one of them when another thread forgets it.
    private final ArrayDeque<Record> released = new ArrayDeque<>();
    private volatile boolean releasePending;
    private final PagePool pool = new PagePool();

    /** Direct memory taken for pages so far (for tests of the memory bound). */
    long directBytes() {
        return pool.allocatedBytes();
    }

    /** Writer thread: gives the pages of the records forgotten since the last call back to the pool. */
    private void releaseForgotten() {
        releasePending = false;
        while (true) {
            Record r;
            synchronized (structure) {
                r = released.pollFirst();
            }
            if (r == null) return;
            r.release();
        }
    }

    /** After {@code r} recorded a chunk that changed what it keeps by {@code delta}: keeps the total budget. */
    private void recorded(Record r, long delta) {
        if (releasePending) releaseForgotten();
        if (writerEpoch != epoch) recount(); // counts r as it is now, delta included
        else writerKept += delta;
        if (writerKept > totalBudget) overTotal(r);
    }

    /** Writer thread: the sum of what every tracked record keeps, after another thread changed the rules. */
    private void recount() {
        writerEpoch = epoch;
        long n = 0;
        for (Record r : connections.values()) n += r.ring.keptBytes();
        for (Record r : flows.values()) n += r.ring.keptBytes();
        writerKept = n;
    }

    /** Over the total budget after {@code r} recorded: forget closed records oldest first, then {@code r} sheds. */
    private void overTotal(Record r) {
        long cap = totalBudget;
        synchronized (structure) {
            while (writerKept > cap) {
                Record victim = first(closedOrder);
                if (victim == null || victim == r) break;
                writerKept -= victim.ring.keptBytes();
                forget(victim);
            }
        }
        long excess = writerKept - cap;
        // Shed a little ahead, as a full ring drops: otherwise every chunk past the cap comes back here, lock and all.
        if (excess > 0) writerKept -= r.shed(excess + ChunkRing.slack(cap));
    }

    // Recent connections by id, direct-mapped: ids are handed out in sequence, so the connections that are
    // busy together (a chat's clients, an echo's streams) sit in different slots, and a bytes event finds its
    // record with one array read instead of boxing the id for a hash lookup. Each entry is checked against the
    // record's own final id, so a stale or racing entry can only miss, never mix up; a record forgotten
    // meanwhile is noticed by its flag, and forgetting clears its slot so the cache keeps nothing alive.
    private static final int CACHE_SLOTS = 1024;
    private final ConnRecord[] recent = new ConnRecord[CACHE_SLOTS];

    private ConnRecord record(long id) {
        int slot = (int) id & (CACHE_SLOTS - 1);
        ConnRecord r = recent[slot];
        if (r != null && r.id == id && !r.forgotten) return r;
        r = connections.get(id);
        recent[slot] = r;
        return r;
    }

    @Override
    public void connectionStateChanged(long id, ConnectionState state) {
        ConnRecord r = connections.get(id);
        if (r != null) r.stateChanged(state, eventClock.getAsLong());
    }

    @Override
    public void connectionClosed(long id, CloseReason reason, String message) {
        ConnRecord r = connections.get(id);
        if (r != null && r.close(reason, message, eventClock.getAsLong())) closed(r);
    }

    @Override
    public void datagramReceived(long listenerId, Address from, ByteBuffer data) {
        datagram(listenerId, from, data, Direction.IN);
    }

    @Override
    public void datagramSent(long listenerId, Address to, ByteBuffer data) {
        datagram(listenerId, to, data, Direction.OUT);
    }

    // Recent flows, direct-mapped by the peer's port and the listener: a datagram finds its flow without a key
    // allocated and hashed. Checked against the flow's own key, so a stale entry can only miss; forgetting a
    // flow clears its slot.
    private static final int FLOW_SLOTS = 256;
    private final FlowRecord[] recentFlows = new FlowRecord[FLOW_SLOTS];

    private static int flowSlot(long listenerId, Address peer) {
        int h = (peer == null ? 0 : peer.port() * 31) + (int) listenerId;
        return (h ^ (h >>> 8)) & (FLOW_SLOTS - 1);
    }

    private void datagram(long listenerId, Address peer, ByteBuffer data, Direction d) {
        int slot = flowSlot(listenerId, peer);
        FlowRecord f = recentFlows[slot];
        if (f == null || f.forgotten || f.key.listenerId() != listenerId
                || !Objects.equals(f.key.peer(), peer)) {
            f = flows.get(new FlowKey(listenerId, peer));
            recentFlows[slot] = f;
        }
        long now = eventClock.getAsLong();
        if (f == null) {
            FlowKey key = new FlowKey(listenerId, peer);
            ListenerInfo li;
            synchronized (structure) {
                li = listeners.get(listenerId);
            }
            if (!enabled) return;
            synchronized (structure) {
                f = flows.get(key);
                if (f == null) {
                    f = new FlowRecord(key, li, now, pool);
                    admit(f);
                    flows.put(key, f);
                }
            }
            recentFlows[slot] = f;
        }
        recorded(f, f.append(d, data, now, byteBudget, isCapturing(listenerId, f.service)));
    }

    /** Holding structure: makes room under the cap and enters {@code r} in the eviction order. */
    private void admit(Record r) {
        int cap = maxTracked;
        while (connections.size() + flows.size() >= cap) {
            Record victim = first(closedOrder);
            if (victim == null) victim = first(openOrder);
            if (victim == null) break;
            writerKept -= victim.ring.keptBytes();
            forget(victim);
        }
        r.seq = nextSeq++;
        openOrder.add(r);
    }

    private static Record first(LinkedHashSet<Record> s) {
        Iterator<Record> it = s.iterator();
        return it.hasNext() ? it.next() : null;
    }

    private void forget(Record r) {
        r.forgotten = true;
        released.add(r);
        releasePending = true;
        if (r instanceof ConnRecord c) {
            int slot = (int) c.id & (CACHE_SLOTS - 1);
            if (recent[slot] == c) recent[slot] = null;
        } else if (r instanceof FlowRecord f) {
            int slot = flowSlot(f.key.listenerId(), f.key.peer());
            if (recentFlows[slot] == f) recentFlows[slot] = null;
        }
        openOrder.remove(r);
        closedOrder.remove(r);
        if (r instanceof ConnRecord c) connections.remove(c.id, c);
        else if (r instanceof FlowRecord f) flows.remove(f.key, f);
    }

    private void closed(Record r) {
        synchronized (structure) {
            if (openOrder.remove(r)) closedOrder.add(r);
        }
    }

    // ---- reading (any thread)

    /**
     * A copy of everything tracked now, each connection consistent in itself. It copies the kept bytes (up to
     * the budget per connection), holding each connection's lock only while copying that connection.
     */
    public CaptureSnapshot snapshot() {
        return snapshotAfter(-1);
    }

    /**
     * What is tracked now without the bytes: every connection and flow with its counters and state, each with
     * an empty chunk list (its {@code firstSeq} still the oldest kept chunk's number). Cheap
     * enough to list the streams a viewer could show.
     */
    public CaptureSnapshot summary() {
        return snapshotAfter(Long.MAX_VALUE);
    }

    /** Every stream in the order it was first seen, each with its chunks numbered after {@code afterSeq}. */
    private CaptureSnapshot snapshotAfter(long afterSeq) {
        long now = clock.getAsLong();
        List<ListenerInfo> ls;
        List<Record> rs = new ArrayList<>();
        synchronized (structure) {
            ls = new ArrayList<>(listeners.values());
            rs.addAll(openOrder);
            rs.addAll(closedOrder);
        }
        rs.sort(Comparator.comparingLong(r -> r.seq));
        long budget = byteBudget;
        List<CapturedConnection> cs = new ArrayList<>();
        List<CapturedFlow> fs = new ArrayList<>();
        for (Record r : rs) {
            if (r instanceof ConnRecord c) cs.add(c.snapshot(afterSeq, budget));
            else if (r instanceof FlowRecord f) fs.add(f.snapshot(afterSeq, budget));
        }
        return new CaptureSnapshot(now, ls, cs, fs);
    }

    /** One tracked connection, copied now (for a viewer that follows one connection). */
    public Optional<CapturedConnection> connection(long id) {
        return connection(id, -1);
    }

    /**
     * One tracked connection with only the chunks numbered after {@code afterSeq} copied (-1 for all kept):
     * a viewer that follows a busy connection copies each chunk once.
     */
    public Optional<CapturedConnection> connection(long id, long afterSeq) {
        ConnRecord r = connections.get(id);
        return r == null ? Optional.empty() : Optional.of(r.snapshot(afterSeq, byteBudget));
    }

    /** The tracked flow between a UDP listener and a peer, copied now. */
    public Optional<CapturedFlow> flow(long listenerId, Address peer) {
        FlowRecord r = flows.get(new FlowKey(listenerId, peer));
        return r == null ? Optional.empty() : Optional.of(r.snapshot(-1, byteBudget));
    }

    /**
     * The tracked flow between a UDP listener and the peer whose {@link Address#hostPort()} is {@code peer},
     * with only the datagrams numbered after {@code afterSeq} copied (-1 for all kept).
     */
    public Optional<CapturedFlow> flow(long listenerId, String peer, long afterSeq) {
        for (FlowRecord r : flows.values()) {
            if (r.key.listenerId() == listenerId && r.key.peer() != null && r.key.peer().hostPort().equals(peer)) {
                return Optional.of(r.snapshot(afterSeq, byteBudget));
            }
        }
        return Optional.empty();
    }

    /** How many connections and flows are tracked. */
    public int trackedCount() {
        return connections.size() + flows.size();
    }

    // ---- records

    private record FlowKey(long listenerId, Address peer) {}

    /** Chunks kept per byte of budget at most: bounds the metadata of a flood of tiny chunks. */
    static final int BYTES_PER_CHUNK = 32;
    private static final int BYTES_PER_CHUNK_SHIFT = Integer.numberOfTrailingZeros(BYTES_PER_CHUNK);

    /**
     * The chunks and counters of one connection or flow. Written by one thread (the one reporting events, the
     * reactor's) with no lock; read by any thread through a sequence lock: the writer makes {@code version}
     * odd while it changes the record and even again after, and a reader retries its (short) copy of the
     * counters and the ring's view until it saw one even version on both sides. The chunks' bytes are then
     * copied outside that window and checked against the ring's first sequence number (see {@link ChunkRing}).
     * Writing costs two plain stores and two compiler fences per event on x86: no atomic instruction.
     */
    private abstract static class Record {
        private static final VarHandle VERSION;

        static {
            try {
                VERSION = MethodHandles.lookup().findVarHandle(Record.class, "version", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final ChunkRing ring;
        volatile boolean forgotten;
        long seq;
        long notKept;
        long totalIn;
        long totalOut;
        private int version; // odd while the writer changes this record (written via VERSION)

        Record(PagePool pool) {
            ring = new ChunkRing(pool);
        }

        /** Gives the ring's pages back to the pool, for a record no longer tracked. Writer thread. */
        final void release() {
            beginWrite();
            try {
                ring.release();
            } finally {
                endWrite();
            }
        }

        /** Whether a chunk bigger than the budget may keep its tail (a stream) or must go whole (a datagram). */
        abstract boolean splittable();

        final void beginWrite() {
            VERSION.setOpaque(this, version + 1);
            VarHandle.storeStoreFence(); // no change below may be seen before the odd version
        }

        final void endWrite() {
            VERSION.setRelease(this, version + 1);
        }

        final int beginRead() {
            for (int spins = 0; ; spins++) {
                int v = (int) VERSION.getAcquire(this);
                if ((v & 1) == 0) return v;
                if (spins < 100) Thread.onSpinWait();
                else Thread.yield();
            }
        }

        final boolean validate(int v) {
            VarHandle.loadLoadFence();
            return (int) VERSION.getOpaque(this) == v;
        }

        /** Records one chunk; returns the change in bytes kept. Writer thread. */
        final long append(Direction d, ByteBuffer data, long now, long budget, boolean keep) {
            int n = data.remaining();
            long before = ring.keptBytes();
            beginWrite();
            try {
                long off = d == Direction.IN ? totalIn : totalOut;
                long other = d == Direction.IN ? totalOut : totalIn;
                if (d == Direction.IN) totalIn += n;
                else totalOut += n;
                counted(d, now);
                if (!keep) {
                    notKept += n;
                    notKept += ring.trim(budget); // a lowered budget applies even while nothing is kept
                    return ring.keptBytes() - before;
                }
                int skip = 0;
                if (n > budget) {
                    if (!splittable()) {
                        notKept += n;
                        notKept += ring.trim(budget);
                        return ring.keptBytes() - before;
                    }
                    skip = (int) (n - budget);
                    notKept += skip;
                }
                if (n - skip == 0 && splittable()) return 0; // an empty TCP chunk says nothing
                int maxChunks = (int) Math.max(16, Math.min(Integer.MAX_VALUE, budget >>> BYTES_PER_CHUNK_SHIFT));
                notKept += ring.append(d, now, off + skip, other, data, data.position() + skip, n - skip, budget,
                        maxChunks);
                return ring.keptBytes() - before;
            } finally {
                endWrite();
            }
        }

        /** Drops oldest chunks until {@code excess} bytes are gone or only the newest is left; returns the bytes dropped. Writer thread. */
        final long shed(long excess) {
            long keep = Math.max(ring.keptBytes() - excess, ring.newestSize());
            beginWrite();
            try {
                long dropped = ring.trim(keep);
                notKept += dropped;
                return dropped;
            } finally {
                endWrite();
            }
        }

        void counted(Direction d, long now) {}

        /**
         * The chunks of {@code v} after {@code afterSeq} (none for {@code Long.MAX_VALUE}), only the newest that
         * fit {@code budget} (lowered since they were recorded: the writer drops the rest at its next event),
         * without any the writer overwrote while they were copied. {@code out[0]} gets the bytes of {@code v}
         * not in the result's range (to add to not-kept), {@code out[1]} the first sequence number kept.
         */
        final List<Chunk> chunks(ChunkRing.View v, long afterSeq, long budget, long[] out) {
            long first = v.firstSeq();
            long kept = v.keptBytes();
            while (first < v.nextSeq() && kept > budget) {
                kept -= v.size(first);
                first++;
            }
            out[0] = v.keptBytes() - kept;
            out[1] = first;
            if (afterSeq == Long.MAX_VALUE) return new ArrayList<>(0);
            long from = Math.max(first, afterSeq + 1);
            if (from >= v.nextSeq()) return new ArrayList<>(0);
            List<Chunk> cs = ChunkRing.copy(v, from);
            long now = ring.firstSeqNow();
            long copiedFrom = cs.isEmpty() ? v.nextSeq() : cs.get(0).seq();
            if (now > from || copiedFrom > from) {
                // The writer dropped, and may have reused, some of what was copied: keep the rest, which was
                // read before it could be dropped and so is intact (sizes included).
                int torn = (int) Math.min(cs.size(), Math.max(0, now - copiedFrom));
                cs = new ArrayList<>(cs.subList(torn, cs.size()));
                long left = 0;
                for (Chunk c : cs) left += c.size();
                out[0] = v.keptBytes() - left;
                out[1] = Math.max(now, copiedFrom);
            }
            return cs;
        }
    }

    private static final class ConnRecord extends Record {
        final long id;
        final long listenerId;
        final String service;
        final Address peer;
        final Address host;
        final boolean outgoing;
        final long openedMicros;
        long halfClosedMicros = -1;
        boolean peerClosedFirst;
        long closedMicros = -1;
        CloseReason reason;
        String message;

        ConnRecord(ConnectionInfo c, long now, PagePool pool) {
            super(pool);
            id = c.id();
            listenerId = c.listenerId();
            service = c.service();
            peer = c.peer();
            host = c.host();
            outgoing = c.outgoing();
            openedMicros = now;
        }

        @Override boolean splittable() { return true; }

        void stateChanged(ConnectionState s, long now) {
            if (halfClosedMicros >= 0 || closedMicros >= 0) return;
            beginWrite();
            try {
                switch (s) {
                    case READ_CLOSED -> {
                        halfClosedMicros = now;
                        peerClosedFirst = true;
                    }
                    case WRITE_CLOSED, CLOSING -> halfClosedMicros = now;
                    default -> { }
                }
            } finally {
                endWrite();
            }
        }

        boolean close(CloseReason r, String m, long now) {
            if (closedMicros >= 0) return false;
            beginWrite();
            try {
                closedMicros = now;
                reason = r;
                message = m;
            } finally {
                endWrite();
            }
            return true;
        }

        CapturedConnection snapshot(long afterSeq, long budget) {
            ChunkRing.View v;
            long half, closed, in, out, nk;
            boolean peerFirst;
            CloseReason why;
            String msg;
            int ver;
            do {
                ver = beginRead();
                v = ring.view();
                half = halfClosedMicros;
                peerFirst = peerClosedFirst;
                closed = closedMicros;
                why = reason;
                msg = message;
                in = totalIn;
                out = totalOut;
                nk = notKept;
            } while (!validate(ver));
            long[] acct = new long[2];
            List<Chunk> cs = chunks(v, afterSeq, budget, acct);
            return new CapturedConnection(id, listenerId, service, peer, host, outgoing, openedMicros, half, peerFirst,
                    closed, why, msg, in, out, nk + acct[0], cs, acct[1]);
        }
    }

    private static final class FlowRecord extends Record {
        final FlowKey key;
        final String service;
        final Address host;
        final long firstMicros;
        long lastMicros;
        long datagramsIn;
        long datagramsOut;
        boolean closed;

        FlowRecord(FlowKey key, ListenerInfo listener, long now, PagePool pool) {
            super(pool);
            this.key = key;
            this.service = listener != null ? listener.service() : null;
            this.host = listener != null ? listener.host() : null;
            this.firstMicros = now;
            this.lastMicros = now;
        }

        @Override boolean splittable() { return false; }

        @Override
        void counted(Direction d, long now) {
            lastMicros = now;
            if (d == Direction.IN) datagramsIn++;
            else datagramsOut++;
        }

        boolean markClosed() {
            if (closed) return false;
            beginWrite();
            closed = true;
            endWrite();
            return true;
        }

        CapturedFlow snapshot(long afterSeq, long budget) {
            ChunkRing.View v;
            long last, dIn, dOut, in, out, nk;
            boolean c;
            int ver;
            do {
                ver = beginRead();
                v = ring.view();
                last = lastMicros;
                c = closed;
                dIn = datagramsIn;
                dOut = datagramsOut;
                in = totalIn;
                out = totalOut;
                nk = notKept;
            } while (!validate(ver));
            long[] acct = new long[2];
            List<Chunk> cs = chunks(v, afterSeq, budget, acct);
            return new CapturedFlow(key.listenerId(), service, host, key.peer(), firstMicros, last, c, dIn, dOut, in,
                    out, nk + acct[0], cs, acct[1]);
        }
    }
}
