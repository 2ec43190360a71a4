package netmon.ui.chart;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;

/**
 * Counts bytes in and out, in total and per service, from the monitor's byte and datagram events: two
 * adder increments per event on the reactor thread, and a map lookup only when the event is about
 * another connection than the previous one. Readers on any thread take
 * cumulative totals; {@link ThroughputModel} turns them into rates.
 */
public final class ThroughputMeter implements MonitorListener {
    /** Service name for outgoing connections (the client tool's). */
    public static final String OUTGOING = "outgoing";

    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final Map<Long, Counter> byConnection = new ConcurrentHashMap<>();
    private final Map<Long, Counter> byListener = new ConcurrentHashMap<>();
    private final Map<String, Counter> byService = new ConcurrentHashMap<>();
    // The monitor calls its listeners on the reactor thread only, so this one-entry cache needs no lock:
    // a read and its echo are two events for the same connection.
    private long lastId;
    private Counter lastCounter;

    /** Cumulative bytes of one service. */
    static final class Counter {
        final LongAdder in = new LongAdder();
        final LongAdder out = new LongAdder();
    }

    /** Bytes received so far, over everything. Any thread. */
    public long totalIn() { return in.sum(); }

    /** Bytes sent so far, over everything. Any thread. */
    public long totalOut() { return out.sum(); }

    /** Cumulative {@code [in, out]} per service name, sorted by name. Any thread. */
    public Map<String, long[]> perService() {
        TreeMap<String, long[]> m = new TreeMap<>();
        byService.forEach((k, c) -> m.put(k, new long[] {c.in.sum(), c.out.sum()}));
        return m;
    }

    private Counter service(String name) {
        return byService.computeIfAbsent(name == null || name.isEmpty() ? "?" : name, k -> new Counter());
    }

    @Override
    public void listenerStarted(ListenerInfo l) { byListener.put(l.id(), service(l.service())); }

    @Override
    public void listenerStopped(ListenerInfo l) { byListener.remove(l.id()); }

    @Override
    public void connectionOpened(ConnectionInfo c) {
        byConnection.put(c.id(), service(c.outgoing() ? OUTGOING : c.service()));
    }

    @Override
    public void connectionClosed(long id, CloseReason reason, String message) {
        byConnection.remove(id);
        if (lastId == id) lastCounter = null;
    }

    @Override
    public void bytesReceived(long id, ByteBuffer data) { count(true, connection(id), data.remaining()); }

    @Override
    public void bytesSent(long id, ByteBuffer data) { count(false, connection(id), data.remaining()); }

    private Counter connection(long id) {
        Counter c = lastCounter;
        if (c != null && lastId == id) return c;
        c = byConnection.get(id);
        if (c != null) {
            lastId = id;
            lastCounter = c;
        }
        return c;
    }

    @Override
    public void datagramReceived(long listenerId, Address from, ByteBuffer data) {
        count(true, byListener.get(listenerId), data.remaining());
    }

    @Override
    public void datagramSent(long listenerId, Address to, ByteBuffer data) {
        count(false, byListener.get(listenerId), data.remaining());
    }

    /** Adds {@code n} bytes to the total of their direction and to their service's counter, if it is known. */
    private void count(boolean inbound, Counter service, int n) {
        (inbound ? in : out).add(n);
        if (service != null) (inbound ? service.in : service.out).add(n);
    }
}
