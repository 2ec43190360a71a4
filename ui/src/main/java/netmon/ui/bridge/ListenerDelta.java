package netmon.ui.bridge;

/**
 * Traffic through one listener since the previous drain: bytes of all its TCP connections (or its UDP
 * datagrams), and connections opened and closed. Counted even for connections the bridge folded away,
 * so per-service totals stay exact when the UI falls behind.
 */
public final class ListenerDelta {
    private final long listenerId;
    long bytesIn;
    long bytesOut;
    long datagramsIn;
    long datagramsOut;
    int opened;
    int closed;

    ListenerDelta(long listenerId) { this.listenerId = listenerId; }

    public long listenerId() { return listenerId; }
    public long bytesIn() { return bytesIn; }
    public long bytesOut() { return bytesOut; }
    public long datagramsIn() { return datagramsIn; }
    public long datagramsOut() { return datagramsOut; }
    /** TCP connections accepted since the previous drain. */
    public int opened() { return opened; }
    /** TCP connections closed since the previous drain. */
    public int closed() { return closed; }
}
