package netmon.ui.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import netmon.engine.capture.CaptureRecorder;
import netmon.engine.capture.CaptureSnapshot;
import netmon.engine.capture.CapturedConnection;
import netmon.engine.capture.CapturedFlow;
import netmon.engine.protocol.Address;

/**
 * The inspectors' view of the engine's capture store: {@link TrafficCapture} over a {@link CaptureRecorder},
 * so the bytes the Traffic tab shows and the bytes File → Export capture… writes are the same single copy.
 * Each call asks the recorder for one stream's chunks after a sequence number, so a pulse copies only what
 * is new. Thread-safe (the recorder is): the reactor records, the FX thread reads.
 */
public final class RecorderCapture implements TrafficCapture {
    private final CaptureRecorder recorder;

    /** A view of {@code recorder} (which the caller attaches to the reactor's monitor). */
    public RecorderCapture(CaptureRecorder recorder) {
        this.recorder = recorder;
    }

    /** The engine's recorder underneath: what an export snapshots. */
    public CaptureRecorder recorder() { return recorder; }

    @Override
    public StreamSnapshot snapshot(StreamKey key, long afterSeq) {
        if (key == null) return StreamSnapshot.unknown(null);
        if (!key.udp()) {
            Optional<CapturedConnection> c = recorder.connection(key.id(), afterSeq);
            return c.isPresent() ? of(key, c.get()) : StreamSnapshot.unknown(key);
        }
        Optional<CapturedFlow> f = recorder.flow(key.id(), key.peer(), afterSeq);
        return f.isPresent() ? of(key, f.get()) : StreamSnapshot.unknown(key);
    }

    private static StreamSnapshot of(StreamKey key, CapturedConnection c) {
        String title = (c.outgoing() ? "outgoing " : c.service() + " ") + "tcp #" + c.id() + "  "
                + hostPort(c.host()) + (c.outgoing() ? " → " : " ← ") + hostPort(c.peer());
        return new StreamSnapshot(key, chunks(c.chunks()), c.firstSeq(), c.notKept(), c.bytesIn(), c.bytesOut(),
                c.isClosed(), title, c.listenerId());
    }

    private static StreamSnapshot of(StreamKey key, CapturedFlow f) {
        String service = f.service() == null ? "udp" : f.service();
        String host = f.host() == null ? "?" : shortHost(f.host());
        String title = service + " udp flow  " + host + " ↔ " + hostPort(f.peer());
        return new StreamSnapshot(key, chunks(f.datagrams()), f.firstSeq(), f.notKept(), f.bytesIn(), f.bytesOut(),
                f.closed(), title, f.listenerId());
    }

    private static List<Chunk> chunks(List<netmon.engine.capture.Chunk> in) {
        List<Chunk> out = new ArrayList<>(in.size());
        for (netmon.engine.capture.Chunk c : in) {
            Direction d = c.direction() == netmon.engine.capture.Direction.IN ? Direction.IN : Direction.OUT;
            out.add(new Chunk(c.seq(), d, c.timeMicros() / 1000, c.offset(), c.bytes()));
        }
        return out;
    }

    private static String hostPort(Address a) { return a == null ? "?" : a.hostPort(); }

    /** {@code *:port} for a wildcard bind, else {@code host:port}. */
    static String shortHost(Address a) {
        String h = a.host();
        boolean any = "0.0.0.0".equals(h) || "::".equals(h) || h.matches("[0:]+");
        return any ? "*:" + a.port() : a.hostPort();
    }

    @Override
    public List<StreamKey> streams() {
        CaptureSnapshot s = recorder.summary();
        List<StreamKey> keys = new ArrayList<>(s.connections().size() + s.flows().size());
        for (CapturedConnection c : s.connections()) keys.add(StreamKey.tcp(c.id()));
        for (CapturedFlow f : s.flows()) keys.add(StreamKey.udp(f.listenerId(), hostPort(f.peer())));
        return keys;
    }

    @Override
    public int perStreamLimit() { return (int) Math.min(Integer.MAX_VALUE, recorder.byteBudget()); }

    /** Sets the recorder's per-connection budget; streams over it drop their oldest chunks now. */
    @Override
    public void setPerStreamLimit(int bytes) {
        if (bytes < 1) throw new IllegalArgumentException("limit must be positive");
        recorder.setByteBudget(bytes);
    }

    /**
     * Switches capture for one listener. Switched off, its streams (those tracked already and new ones) are
     * still tracked with their counters, but count their bytes as not kept; {@link #isListenerCaptured} says why.
     */
    @Override
    public void setListenerCaptured(long listenerId, boolean captured) {
        recorder.setListenerEnabled(listenerId, captured);
    }

    @Override
    public boolean isListenerCaptured(long listenerId) { return recorder.isListenerEnabled(listenerId); }
}
