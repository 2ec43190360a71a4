package netmon.ui.traffic;

/**
 * Names one captured stream: a TCP connection by its monitor id, or a UDP flow by its listener id and the
 * peer's {@code host:port}.
 *
 * @param udp  true for a UDP flow
 * @param id   the connection id (TCP) or the listener id (UDP)
 * @param peer the flow's peer {@code host:port} (UDP), or null (TCP)
 */
public record StreamKey(boolean udp, long id, String peer) {

    /** The TCP connection the monitor knows as {@code connectionId}. */
    public static StreamKey tcp(long connectionId) { return new StreamKey(false, connectionId, null); }

    /** The UDP flow between listener {@code listenerId} and {@code peer} ({@code host:port}). */
    public static StreamKey udp(long listenerId, String peer) { return new StreamKey(true, listenerId, peer); }

    @Override
    public String toString() { return udp ? "udp #" + id + " ↔ " + peer : "tcp #" + id; }
}
