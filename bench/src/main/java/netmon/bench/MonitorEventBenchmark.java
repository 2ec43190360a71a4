package netmon.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import netmon.engine.capture.CaptureRecorder;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one I/O event costs the monitor, the way the transports report it ({@code MonitorListener m =
 * hub.listener(); if (m != NONE) m.bytesReceived(...)}): {@code none} when nobody watches (the cost every
 * read and write pays), {@code counting} with a watcher that only counts bytes (the hub's dispatch and
 * guard), {@code copying} with one that copies the payload into a ring, as a capture would, and
 * {@code recorder} with the engine's own {@link CaptureRecorder} recording the connection (its lookup, its
 * ring, its clock and its budget checks: what {@code serve --capture} pays per chunk).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MonitorEventBenchmark {

    /** Who watches. */
    @Param({"none", "counting", "copying", "recorder"})
    public String watcher;

    /** Payload bytes per event. */
    @Param({"64"})
    public int size;

    private final MonitorHub hub = new MonitorHub();
    private MonitorListener attached;
    private ByteBuffer payload;

    /** Counts bytes, as the always-on counters do. */
    static final class Counting implements MonitorListener {
        long bytes;

        @Override public void bytesReceived(long id, ByteBuffer data) { bytes += data.remaining(); }
    }

    /** Copies each payload into a 64 KiB ring, as traffic capture does. */
    static final class Copying implements MonitorListener {
        private final byte[] ring = new byte[64 * 1024];
        private int at;

        @Override public void bytesReceived(long id, ByteBuffer data) {
            ByteBuffer d = data.duplicate();
            while (d.hasRemaining()) {
                int n = Math.min(d.remaining(), ring.length - at);
                d.get(ring, at, n);
                at = (at + n) % ring.length;
            }
        }
    }

    @Setup(Level.Trial)
    public void attach() {
        payload = ByteBuffer.allocateDirect(size);
        attached = switch (watcher) {
            case "none" -> null;
            case "counting" -> new Counting();
            case "copying" -> new Copying();
            case "recorder" -> recorder();
            default -> throw new IllegalArgumentException(watcher);
        };
        if (attached != null) hub.add(attached);
    }

    private static CaptureRecorder recorder() {
        CaptureRecorder r = new CaptureRecorder();
        Address local = new Address("TCP", "127.0.0.1", 7000);
        r.connectionOpened(new ConnectionInfo(7, 1, "echo", "tcp", new Address("TCP", "127.0.0.1", 50000), local,
                System.currentTimeMillis(), false));
        return r;
    }

    @TearDown(Level.Trial)
    public void detach() {
        if (attached != null) hub.remove(attached);
    }

    /** One bytes-received event at a transport's reporting site. */
    @Benchmark
    public ByteBuffer bytesReceived() {
        ByteBuffer buf = payload;
        MonitorListener m = hub.listener();
        if (m != MonitorListener.NONE) {
            m.bytesReceived(7, buf);
            buf.position(0).limit(size);
        }
        return buf;
    }
}
