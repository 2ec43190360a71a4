package netmon.engine.capture;

import java.util.List;
import netmon.engine.monitor.CloseReason;
import netmon.engine.protocol.Address;

/**
 * A TCP connection as a {@link CaptureSnapshot} holds it: what the monitor said about it and the chunks
 * still kept, oldest first.
 *
 * @param id             the monitor's connection id
 * @param listenerId     the listener that accepted it, 0 for an outgoing connection
 * @param service        the factory's log prefix, e.g. {@code echo}
 * @param peer           the remote address
 * @param host           the local address
 * @param outgoing       true for connections this process made
 * @param openedMicros   when it was established (wall clock, µs)
 * @param halfClosedMicros when the first side half-closed (FIN), or -1
 * @param peerClosedFirst true when the peer half-closed before we did (its FIN came first)
 * @param closedMicros   when it closed, or -1 while open
 * @param closeReason    why it closed, or null while open
 * @param closeMessage   the close reason's message, or null
 * @param bytesIn        every byte received, kept or not
 * @param bytesOut       every byte sent, kept or not
 * @param notKept        bytes seen but not kept (budget overflow or capture switched off)
 * @param chunks         the kept chunks in the order they happened (all of them, or those after a sequence
 *                       number when asked for with {@link CaptureRecorder#connection(long, long)})
 * @param firstSeq       the sequence number of the oldest chunk still kept (older ones were dropped)
 */
public record CapturedConnection(long id, long listenerId, String service, Address peer, Address host,
                                 boolean outgoing, long openedMicros, long halfClosedMicros, boolean peerClosedFirst,
                                 long closedMicros, CloseReason closeReason, String closeMessage,
                                 long bytesIn, long bytesOut, long notKept, List<Chunk> chunks, long firstSeq) {

    /** A connection whose oldest kept chunk is the first of {@code chunks}. */
    public CapturedConnection(long id, long listenerId, String service, Address peer, Address host, boolean outgoing,
                              long openedMicros, long halfClosedMicros, boolean peerClosedFirst, long closedMicros,
                              CloseReason closeReason, String closeMessage, long bytesIn, long bytesOut, long notKept,
                              List<Chunk> chunks) {
        this(id, listenerId, service, peer, host, outgoing, openedMicros, halfClosedMicros, peerClosedFirst, closedMicros,
                closeReason, closeMessage, bytesIn, bytesOut, notKept, chunks,
                chunks == null || chunks.isEmpty() ? 0 : chunks.get(0).seq());
    }

    /** True once the connection has closed. */
    public boolean isClosed() { return closedMicros >= 0; }
}
