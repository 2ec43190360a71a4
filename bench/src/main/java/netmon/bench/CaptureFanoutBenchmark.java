package netmon.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import netmon.engine.capture.CaptureRecorder;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.MonitorHub;
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

/**
 * What {@code serve --capture} pays per chunk when many connections take small writes in turn, as a chat's
 * fan-out does: the recorder records one write on each of {@code conns} connections round-robin, each ring
 * full (1 MiB default budget, so every chunk also drops the oldest). With 50 connections the rings (bytes and
 * chunk metadata) are far bigger than the caches, so this measures the recorder's memory traffic as well as
 * its instructions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CaptureFanoutBenchmark {

    /** Connections written in turn. */
    @Param({"1", "50"})
    public int conns;

    /** Payload bytes per write. */
    @Param({"48"})
    public int size;

    /**
     * True: the recorder stamps chunks with its reactor's last wake-up, as {@code serve --capture} and the window
     * do (the wake-up set once here); false: it reads the clock for each chunk.
     */
    @Param({"true", "false"})
    public boolean stamped;

    private CaptureRecorder recorder;
    private ByteBuffer payload;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        MonitorHub hub = new MonitorHub();
        hub.woke(System.nanoTime());
        recorder = stamped
                ? new CaptureRecorder(CaptureRecorder.DEFAULT_BYTE_BUDGET, CaptureRecorder.DEFAULT_MAX_TRACKED, hub)
                : new CaptureRecorder();
        Address local = new Address("TCP", "127.0.0.1", 7001);
        for (int i = 0; i < conns; i++) {
            recorder.connectionOpened(new ConnectionInfo(i + 1, 1, "chat", "tcp",
                    new Address("TCP", "127.0.0.1", 50000 + i), local, System.currentTimeMillis(), false));
        }
        payload = ByteBuffer.allocateDirect(size);
        // Fill every ring past its budget so the benchmark measures the steady state (drop one, keep one).
        long chunks = 2 * CaptureRecorder.DEFAULT_BYTE_BUDGET / size;
        for (long c = 0; c < chunks; c++) {
            for (int i = 0; i < conns; i++) {
                recorder.bytesSent(i + 1, payload);
                payload.position(0).limit(size);
            }
        }
    }

    /** One write on the next connection. */
    @Benchmark
    public ByteBuffer bytesSent() {
        ByteBuffer buf = payload;
        int id = next + 1;
        next = id == conns ? 0 : id;
        recorder.bytesSent(id, buf);
        buf.position(0).limit(size);
        return buf;
    }
}
