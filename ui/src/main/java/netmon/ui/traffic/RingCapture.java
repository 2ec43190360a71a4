package netmon.ui.traffic;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;

/**
 * The UI's own traffic capture: a {@link MonitorListener} that copies every chunk the monitor lends it into
 * a bounded ring per stream. Each stream keeps at most {@link #perStreamLimit()} bytes (1 MiB by default)
 * and {@link #MAX_CHUNKS_PER_STREAM} chunks, dropping its oldest chunks first and counting what it dropped;
 * all streams together keep at most the global limit, closed streams being forgotten first, and at most
 * {@link #MAX_CLOSED_STREAMS} closed streams are remembered.
 *
 * <p>The monitor calls it on the reactor thread (each call is a copy and a deque append under a short
 * lock); {@link #snapshot} is called from the FX thread.
 */
public final class RingCapture implements MonitorListener, TrafficCapture {
    /** Default bytes kept per stream. */
    public static final int DEFAULT_PER_STREAM_LIMIT = 1 << 20;
    /** Default bytes kept over all streams. */
    public static final long DEFAULT_GLOBAL_LIMIT = 64L << 20;
    /** Chunks kept per stream, whatever their size (one-byte chunks must not cost a megabyte of headers). */
    public static final int MAX_CHUNKS_PER_STREAM = 65_536;
    /** Closed streams remembered for inspection after they end. */
    public static final int MAX_CLOSED_STREAMS = 256;
    /** UDP flows remembered; the oldest are forgotten beyond this. */
    public static final int MAX_UDP_FLOWS = 1_024;

    private final Object lock = new Object();
    private final LongSupplier clock;
    private final long globalLimit;
    private volatile int perStreamLimit;
    private final Set<Long> disabled = ConcurrentHashMap.newKeySet();

    // Guarded by lock.
    private final LinkedHashMap<StreamKey, Stream> streams = new LinkedHashMap<>();
    private final ArrayDeque<StreamKey> closedOrder = new ArrayDeque<>();
    private final ArrayDeque<StreamKey> udpOrder = new ArrayDeque<>();
    private final Map<Long, ListenerInfo> udpListeners = new LinkedHashMap<>();
    private long totalKept;

    /** A capture with the default limits and the wall clock. */
    public RingCapture() {
        this(DEFAULT_PER_STREAM_LIMIT, DEFAULT_GLOBAL_LIMIT, System::currentTimeMillis);
    }

    /** A capture with explicit limits and clock (small limits make dropping testable). */
    public RingCapture(int perStreamLimit, long globalLimit, LongSupplier clock) {
        if (perStreamLimit < 1 || globalLimit < perStreamLimit) throw new IllegalArgumentException("bad limits");
        this.perStreamLimit = perStreamLimit;
        this.globalLimit = globalLimit;
        this.clock = clock;
    }

    private static final class Stream {
        final StreamKey key;
        final long listenerId;
        final String title;
        final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        long nextSeq;
        long kept;
        long dropped;
        long offIn;
        long offOut;
        boolean closed;

        Stream(StreamKey key, long listenerId, String title) {
            this.key = key;
            this.listenerId = listenerId;
            this.title = title;
        }
    }

    // ---------------------------------------------------------------- TrafficCapture

    @Override
    public StreamSnapshot snapshot(StreamKey key, long afterSeq) {
        synchronized (lock) {
            Stream s = key == null ? null : streams.get(key);
            if (s == null) return StreamSnapshot.unknown(key);
            ArrayList<Chunk> out = new ArrayList<>();
            Iterator<Chunk> it = s.chunks.descendingIterator();
            while (it.hasNext()) {
                Chunk c = it.next();
                if (c.seq() <= afterSeq) break;
                out.add(c);
            }
            Collections.reverse(out);
            long first = s.chunks.isEmpty() ? s.nextSeq : s.chunks.peekFirst().seq();
            return new StreamSnapshot(key, out, first, s.dropped, s.offIn, s.offOut, s.closed, s.title, s.listenerId);
        }
    }

    @Override
    public List<StreamKey> streams() {
        synchronized (lock) {
            return new ArrayList<>(streams.keySet());
        }
    }

    @Override
    public int perStreamLimit() { return perStreamLimit; }

    @Override
    public void setPerStreamLimit(int bytes) {
        if (bytes < 1) throw new IllegalArgumentException("limit must be positive");
        perStreamLimit = (int) Math.min(bytes, globalLimit);
    }

    @Override
    public void setListenerCaptured(long listenerId, boolean captured) {
        if (captured) disabled.remove(listenerId);
        else disabled.add(listenerId);
    }

    @Override
    public boolean isListenerCaptured(long listenerId) { return !disabled.contains(listenerId); }

    /** Bytes kept over all streams now. Any thread. */
    public long totalKept() {
        synchronized (lock) {
            return totalKept;
        }
    }

    // ---------------------------------------------------------------- MonitorListener (reactor thread)

    @Override
    public void connectionOpened(ConnectionInfo c) {
        String title = (c.outgoing() ? "outgoing " : c.service() + " ") + "tcp #" + c.id() + "  "
                + c.host().hostPort() + (c.outgoing() ? " → " : " ← ") + c.peer().hostPort();
        synchronized (lock) {
            StreamKey key = StreamKey.tcp(c.id());
            streams.put(key, new Stream(key, c.listenerId(), title));
        }
    }

    @Override
    public void bytesReceived(long id, ByteBuffer data) { append(StreamKey.tcp(id), Direction.IN, data); }

    @Override
    public void bytesSent(long id, ByteBuffer data) { append(StreamKey.tcp(id), Direction.OUT, data); }

    @Override
    public void connectionClosed(long id, CloseReason reason, String message) {
        synchronized (lock) {
            Stream s = streams.get(StreamKey.tcp(id));
            if (s != null) markClosed(s);
        }
    }

    @Override
    public void listenerStarted(ListenerInfo l) {
        if (!"udp".equalsIgnoreCase(l.protocol())) return;
        synchronized (lock) {
            udpListeners.put(l.id(), l);
        }
    }

    @Override
    public void listenerStopped(ListenerInfo l) {
        if (!"udp".equalsIgnoreCase(l.protocol())) return;
        synchronized (lock) {
            udpListeners.remove(l.id());
            for (Stream s : new ArrayList<>(streams.values())) {
                if (s.key.udp() && s.key.id() == l.id()) markClosed(s);
            }
        }
    }

    @Override
    public void datagramReceived(long listenerId, Address from, ByteBuffer data) {
        appendUdp(listenerId, from, Direction.IN, data);
    }

    @Override
    public void datagramSent(long listenerId, Address to, ByteBuffer data) {
        appendUdp(listenerId, to, Direction.OUT, data);
    }

    private void appendUdp(long listenerId, Address peer, Direction dir, ByteBuffer data) {
        if (peer == null) return;
        StreamKey key = StreamKey.udp(listenerId, peer.hostPort());
        synchronized (lock) {
            if (!streams.containsKey(key)) {
                ListenerInfo l = udpListeners.get(listenerId);
                String service = l == null ? "udp" : l.service();
                String host = l == null ? "?" : shortHost(l.host());
                streams.put(key, new Stream(key, listenerId, service + " udp flow  " + host + " ↔ " + peer.hostPort()));
                udpOrder.addLast(key);
                while (udpOrder.size() > MAX_UDP_FLOWS) forget(udpOrder.removeFirst());
            }
        }
        append(key, dir, data);
    }

    /** {@code *:port} for a wildcard bind, else {@code host:port}. */
    static String shortHost(Address a) {
        String h = a.host();
        boolean any = "0.0.0.0".equals(h) || "::".equals(h) || h.matches("[0:]+");
        return any ? "*:" + a.port() : a.hostPort();
    }

    private void append(StreamKey key, Direction dir, ByteBuffer data) {
        int n = data.remaining();
        long now = clock.getAsLong();
        synchronized (lock) {
            Stream s = streams.get(key);
            if (s == null) return;
            long offset = dir == Direction.IN ? s.offIn : s.offOut;
            if (dir == Direction.IN) s.offIn += n;
            else s.offOut += n;
            long seq = s.nextSeq++;
            if (disabled.contains(s.listenerId) || n > perStreamLimit) {
                s.dropped += n;
                return;
            }
            byte[] copy = new byte[n];
            data.duplicate().get(copy);
            s.chunks.addLast(new Chunk(seq, dir, now, offset, copy));
            s.kept += n;
            totalKept += n;
            int limit = perStreamLimit;
            while (s.kept > limit || s.chunks.size() > MAX_CHUNKS_PER_STREAM) dropOldest(s);
            while (totalKept > globalLimit && !closedOrder.isEmpty()) forget(closedOrder.removeFirst());
            while (totalKept > globalLimit && s.chunks.size() > 1) dropOldest(s);
        }
    }

    private void dropOldest(Stream s) {
        Chunk c = s.chunks.removeFirst();
        s.kept -= c.size();
        s.dropped += c.size();
        totalKept -= c.size();
    }

    private void markClosed(Stream s) {
        if (s.closed) return;
        s.closed = true;
        closedOrder.addLast(s.key);
        while (closedOrder.size() > MAX_CLOSED_STREAMS) forget(closedOrder.removeFirst());
    }

    private void forget(StreamKey key) {
        Stream s = streams.remove(key);
        if (s != null) totalKept -= s.kept;
    }
}
