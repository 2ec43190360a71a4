package netmon.ui.bridge;

import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;

/**
 * What happened to one TCP connection since the previous drain, coalesced: byte counts are summed,
 * the state and the outbound buffer are the latest seen. Filled on the reactor thread, read on the FX
 * thread once the bridge has handed it over.
 */
public final class ConnectionDelta {
    private final long id;
    ConnectionInfo opened;
    long bytesIn;
    long bytesOut;
    ConnectionState state;
    long buffered = -1;
    boolean readingPaused;
    CloseReason closeReason;
    String closeMessage;

    private final Tracked tracked;

    ConnectionDelta(long id, Tracked tracked) {
        this.id = id;
        this.tracked = tracked;
    }

    /**
     * What the FX side attached to this connection with {@link #setViewTag} in an earlier batch (its row,
     * say), or null: saves it a lookup by id for every connection of every batch. FX thread.
     */
    public Object viewTag() { return tracked == null ? null : tracked.viewTag; }

    /** Attaches {@code tag} to this connection; later batches' deltas for it return it from {@link #viewTag}. FX thread. */
    public void setViewTag(Object tag) {
        if (tracked != null) tracked.viewTag = tag;
    }

    /** The connection's monitor id. */
    public long id() { return id; }

    /** The connection's description if it opened since the previous drain, else null. */
    public ConnectionInfo opened() { return opened; }

    /** Bytes received since the previous drain. */
    public long bytesIn() { return bytesIn; }

    /** Bytes sent since the previous drain. */
    public long bytesOut() { return bytesOut; }

    /** The latest state reported, or null if it did not change. */
    public ConnectionState state() { return state; }

    /** The latest outbound buffer size, or -1 if not reported since the previous drain. */
    public long buffered() { return buffered; }

    /** Whether reading was paused by backpressure at the latest buffer report. */
    public boolean readingPaused() { return readingPaused; }

    /** Why it closed, or null while it is open. */
    public CloseReason closeReason() { return closeReason; }

    /** The close message, or null. */
    public String closeMessage() { return closeMessage; }

    /** True if the connection closed since the previous drain. */
    public boolean closed() { return closeReason != null; }
}
