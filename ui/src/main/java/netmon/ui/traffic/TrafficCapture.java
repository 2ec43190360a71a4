package netmon.ui.traffic;

import java.util.List;

/**
 * Where the inspectors read captured traffic from. The window's one implementation is {@link RecorderCapture}
 * over the engine's capture store. Implementations are thread-safe: the reactor writes,
 * the FX thread reads snapshots.
 */
public interface TrafficCapture {

    /** The stream's chunks with a sequence number greater than {@code afterSeq} (-1 for all kept). */
    StreamSnapshot snapshot(StreamKey key, long afterSeq);

    /** The streams the capture knows, newest last. */
    List<StreamKey> streams();

    /** Bytes kept per stream before the oldest are dropped. */
    int perStreamLimit();

    /** Sets the per-stream limit (applies to chunks captured from now on). */
    void setPerStreamLimit(int bytes);

    /** Switches capture on or off for one listener's connections (and, for UDP, its flows); on by default. */
    void setListenerCaptured(long listenerId, boolean captured);

    /** Whether {@code listenerId}'s traffic is captured. */
    boolean isListenerCaptured(long listenerId);
}
