package netmon.engine.capture;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.ListenerInfo;
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
 * whole budget keeps only its tail). The bytes live in one ring per connection that grows up to the budget,
 * so recording allocates nothing in the steady state; to bound the bookkeeping of tiny chunks, at most one
 * chunk per {@value #BYTES_PER_CHUNK} bytes of budget is kept (32,768 for 1 MiB). At most
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
 * <p>Threading: the monitor calls this on the reactor thread, where each event is a map lookup and, for
 * bytes, one copy into the ring under the connection's own lock; {@link #snapshot()} and the settings may
 * be used from any thread.
 */
public final class CaptureRecorder implements MonitorListener {
    /** The default per-connection byte budget: 1 MiB. */
    public static final long DEFAULT_BYTE_BUDGET = 1L << 20;
    /** The default cap on tracked connections and flows. */
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    private final LongSupplier clock;
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
    // Bytes kept by every record together; records add what they keep and subtract what they drop.
    private final java.util.concurrent.atomic.AtomicLong totalKept = new java.util.concurrent.atomic.AtomicLong();
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
        this(byteBudget, maxTracked, wallClockMicros());
    }

    CaptureRecorder(long byteBudget, int maxTracked, LongSupplier clockMicros) {
        if (byteBudget < 0) throw new IllegalArgumentException("byteBudget < 0: " + byteBudget);
        if (maxTracked < 1) throw new IllegalArgumentException("maxTracked < 1: " + maxTracked);
        this.byteBudget = byteBudget;
        this.maxTracked = maxTracked;
        this.clock = clockMicros;
    }

    /**
     * Wall-clock microseconds, read from the monotonic clock after one wall-clock reading: cheaper than
     * {@code Instant.now()} per chunk and never going backwards within a capture.
     */
    static LongSupplier wallClockMicros() {
        long baseMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long baseNanos = System.nanoTime();
        return () -> baseMicros + (System.nanoTime() - baseNanos) / 1000;
    }

    // ---- settings

    /** The per-connection (and per-flow) byte budget. */
    public long byteBudget() { return byteBudget; }

    /** Changes the byte budget; tracked connections over the new budget drop their oldest chunks now. */
    public void setByteBudget(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("byteBudget < 0: " + bytes);
        byteBudget = bytes;
        for (Record r : connections.values()) r.trim(bytes);
        for (Record r : flows.values()) r.trim(bytes);
    }

    /** The cap on bytes kept by all connections and flows together (unlimited by default). */
    public long totalBudget() { return totalBudget; }

    /**
     * Caps the bytes kept by all connections and flows together. Past it, the oldest closed connections and
     * flows are forgotten first; if that is not enough, the connection or flow that is recording drops its own
     * oldest chunks (keeping its newest), so a busy stream pays for its bytes, not the quiet ones.
     */
    public void setTotalBudget(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("totalBudget < 0: " + bytes);
        totalBudget = bytes;
    }

    /** Bytes kept now by all connections and flows together. */
    public long keptBytes() { return totalKept.get(); }

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
        long now = clock.getAsLong();
        for (FlowRecord f : flows.values()) {
            if (f.key.listenerId() == listener.id() && f.markClosed(now)) closed(f);
        }
    }

    @Override
    public void connectionOpened(ConnectionInfo c) {
        if (!enabled) return;
        ConnRecord r = new ConnRecord(c, clock.getAsLong(), totalKept);
        synchronized (structure) {
            admit(r);
            connections.put(c.id(), r);
        }
    }

    @Override
    public void bytesReceived(long id, ByteBuffer data) {
        ConnRecord r = record(id);
        if (r != null) {
            r.append(Direction.IN, data, clock.getAsLong(), byteBudget, isCapturing(r.listenerId, r.service));
            if (totalKept.get() > totalBudget) overTotal(r);
        }
    }

    @Override
    public void bytesSent(long id, ByteBuffer data) {
        ConnRecord r = record(id);
        if (r != null) {
            r.append(Direction.OUT, data, clock.getAsLong(), byteBudget, isCapturing(r.listenerId, r.service));
            if (totalKept.get() > totalBudget) overTotal(r);
        }
    }

    /** Over the total budget after {@code r} recorded: forget closed records oldest first, then {@code r} sheds. */
    private void overTotal(Record r) {
        long cap = totalBudget;
        synchronized (structure) {
            while (totalKept.get() > cap) {
                Record victim = first(closedOrder);
                if (victim == null || victim == r) break;
                forget(victim);
            }
        }
        long excess = totalKept.get() - cap;
        if (excess > 0) r.shed(excess);
    }

    // The connection of the last bytes event: a busy connection's reads and writes come in runs, and this
    // saves boxing the id and a hash lookup per chunk. One reference, checked against the record's own final
    // id, so even two threads reporting at once (a recorder on two reactors) can only miss, never mix up; a
    // record forgotten meanwhile is noticed by its flag.
    private ConnRecord last;

    private ConnRecord record(long id) {
        ConnRecord r = last;
        if (r != null && r.id == id && !r.forgotten) return r;
        r = connections.get(id);
        if (r != null) last = r;
        return r;
    }

    @Override
    public void connectionStateChanged(long id, ConnectionState state) {
        ConnRecord r = connections.get(id);
        if (r != null) r.stateChanged(state, clock.getAsLong());
    }

    @Override
    public void connectionClosed(long id, CloseReason reason, String message) {
        ConnRecord r = connections.get(id);
        if (r != null && r.close(reason, message, clock.getAsLong())) closed(r);
    }

    @Override
    public void datagramReceived(long listenerId, Address from, ByteBuffer data) {
        datagram(listenerId, from, data, Direction.IN);
    }

    @Override
    public void datagramSent(long listenerId, Address to, ByteBuffer data) {
        datagram(listenerId, to, data, Direction.OUT);
    }

    private void datagram(long listenerId, Address peer, ByteBuffer data, Direction d) {
        FlowKey key = new FlowKey(listenerId, peer);
        FlowRecord f = flows.get(key);
        long now = clock.getAsLong();
        if (f == null) {
            ListenerInfo li;
            synchronized (structure) {
                li = listeners.get(listenerId);
            }
            if (!enabled) return;
            synchronized (structure) {
                f = flows.get(key);
                if (f == null) {
                    f = new FlowRecord(key, li, now, totalKept);
                    admit(f);
                    flows.put(key, f);
                }
            }
        }
        f.append(d, data, now, byteBudget, isCapturing(listenerId, f.service));
        if (totalKept.get() > totalBudget) overTotal(f);
    }

    /** Holding structure: makes room under the cap and enters {@code r} in the eviction order. */
    private void admit(Record r) {
        int cap = maxTracked;
        while (connections.size() + flows.size() >= cap) {
            Record victim = first(closedOrder);
            if (victim == null) victim = first(openOrder);
            if (victim == null) break;
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
        r.released();
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
        List<CapturedConnection> cs = new ArrayList<>();
        List<CapturedFlow> fs = new ArrayList<>();
        for (Record r : rs) {
            if (r instanceof ConnRecord c) cs.add(c.snapshot(afterSeq));
            else if (r instanceof FlowRecord f) fs.add(f.snapshot(afterSeq));
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
        return r == null ? Optional.empty() : Optional.of(r.snapshot(afterSeq));
    }

    /** The tracked flow between a UDP listener and a peer, copied now. */
    public Optional<CapturedFlow> flow(long listenerId, Address peer) {
        FlowRecord r = flows.get(new FlowKey(listenerId, peer));
        return r == null ? Optional.empty() : Optional.of(r.snapshot(-1));
    }

    /**
     * The tracked flow between a UDP listener and the peer whose {@link Address#hostPort()} is {@code peer},
     * with only the datagrams numbered after {@code afterSeq} copied (-1 for all kept).
     */
    public Optional<CapturedFlow> flow(long listenerId, String peer, long afterSeq) {
        for (FlowRecord r : flows.values()) {
            if (r.key.listenerId() == listenerId && r.key.peer() != null && r.key.peer().hostPort().equals(peer)) {
                return Optional.of(r.snapshot(afterSeq));
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

    /** The chunks of one connection or flow; appended on the reactor thread, copied by readers, under its own lock. */
    private abstract static class Record {
        final ChunkRing ring = new ChunkRing();
        final java.util.concurrent.atomic.AtomicLong total;
        volatile boolean forgotten;
        long seq;
        long notKept;
        long totalIn;
        long totalOut;

        Record(java.util.concurrent.atomic.AtomicLong total) { this.total = total; }

        /** Whether a chunk bigger than the budget may keep its tail (a stream) or must go whole (a datagram). */
        abstract boolean splittable();

        synchronized void append(Direction d, ByteBuffer data, long now, long budget, boolean keep) {
            int n = data.remaining();
            long off = d == Direction.IN ? totalIn : totalOut;
            long other = d == Direction.IN ? totalOut : totalIn;
            if (d == Direction.IN) totalIn += n;
            else totalOut += n;
            counted(d, now);
            if (!keep) {
                notKept += n;
                return;
            }
            int skip = 0;
            if (n > budget) {
                if (!splittable()) {
                    notKept += n;
                    return;
                }
                skip = (int) (n - budget);
                notKept += skip;
            }
            if (n - skip == 0 && splittable()) return; // an empty TCP chunk says nothing
            int maxChunks = (int) Math.max(16, Math.min(Integer.MAX_VALUE, budget >>> BYTES_PER_CHUNK_SHIFT));
            long before = ring.keptBytes();
            notKept += ring.append(d, now, off + skip, other, data, data.position() + skip, n - skip, budget, maxChunks);
            total.addAndGet(ring.keptBytes() - before);
        }

        /** Drops the oldest whole chunks until at most {@code budget} bytes are kept. */
        synchronized void trim(long budget) {
            long dropped = ring.trim(budget);
            notKept += dropped;
            total.addAndGet(-dropped);
        }

        /** Drops oldest chunks until {@code excess} bytes are gone or only the newest is left. */
        synchronized void shed(long excess) {
            long keep = Math.max(ring.keptBytes() - excess, ring.newestSize());
            trim(keep);
        }

        /** Forgotten: its bytes no longer count. */
        synchronized void released() {
            total.addAndGet(-ring.keptBytes());
        }

        void counted(Direction d, long now) {}
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

        ConnRecord(ConnectionInfo c, long now, java.util.concurrent.atomic.AtomicLong total) {
            super(total);
            id = c.id();
            listenerId = c.listenerId();
            service = c.service();
            peer = c.peer();
            host = c.host();
            outgoing = c.outgoing();
            openedMicros = now;
        }

        @Override boolean splittable() { return true; }

        synchronized void stateChanged(ConnectionState s, long now) {
            if (halfClosedMicros >= 0 || closedMicros >= 0) return;
            switch (s) {
                case READ_CLOSED -> {
                    halfClosedMicros = now;
                    peerClosedFirst = true;
                }
                case WRITE_CLOSED, CLOSING -> halfClosedMicros = now;
                default -> { }
            }
        }

        synchronized boolean close(CloseReason r, String m, long now) {
            if (closedMicros >= 0) return false;
            closedMicros = now;
            reason = r;
            message = m;
            return true;
        }

        synchronized CapturedConnection snapshot(long afterSeq) {
            return new CapturedConnection(id, listenerId, service, peer, host, outgoing, openedMicros,
                    halfClosedMicros, peerClosedFirst, closedMicros, reason, message, totalIn, totalOut, notKept,
                    ring.chunksAfter(afterSeq), ring.firstSeq());
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

        FlowRecord(FlowKey key, ListenerInfo listener, long now, java.util.concurrent.atomic.AtomicLong total) {
            super(total);
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

        synchronized boolean markClosed(long now) {
            if (closed) return false;
            closed = true;
            return true;
        }

        synchronized CapturedFlow snapshot(long afterSeq) {
            return new CapturedFlow(key.listenerId(), service, host, key.peer(), firstMicros, lastMicros, closed,
                    datagramsIn, datagramsOut, totalIn, totalOut, notKept, ring.chunksAfter(afterSeq), ring.firstSeq());
        }
    }
}
