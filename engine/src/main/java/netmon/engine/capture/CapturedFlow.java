package netmon.engine.capture;

import java.util.List;
import netmon.engine.protocol.Address;

/**
 * The datagrams between one UDP listener and one peer, as a {@link CaptureSnapshot} holds them; each
 * {@link Chunk} is one datagram.
 *
 * @param listenerId   the UDP listener
 * @param service      its log prefix, e.g. {@code udp-echo}
 * @param host         the listener's bound address
 * @param peer         the remote address
 * @param firstMicros  the first datagram's time (wall clock, µs)
 * @param lastMicros   the latest datagram's time
 * @param closed       true once the listener stopped
 * @param datagramsIn  datagrams received, kept or not
 * @param datagramsOut datagrams sent, kept or not
 * @param bytesIn      bytes received, kept or not
 * @param bytesOut     bytes sent, kept or not
 * @param notKept      bytes seen but not kept
 * @param datagrams    the kept datagrams, oldest first (all, or those after a sequence number when asked for
 *                     with {@link CaptureRecorder#flow(long, String, long)})
 * @param firstSeq     the sequence number of the oldest datagram still kept
 */
public record CapturedFlow(long listenerId, String service, Address host, Address peer, long firstMicros,
                           long lastMicros, boolean closed, long datagramsIn, long datagramsOut, long bytesIn,
                           long bytesOut, long notKept, List<Chunk> datagrams, long firstSeq) {

    /** A flow whose oldest kept datagram is the first of {@code datagrams}. */
    public CapturedFlow(long listenerId, String service, Address host, Address peer, long firstMicros, long lastMicros,
                        boolean closed, long datagramsIn, long datagramsOut, long bytesIn, long bytesOut, long notKept,
                        List<Chunk> datagrams) {
        this(listenerId, service, host, peer, firstMicros, lastMicros, closed, datagramsIn, datagramsOut, bytesIn, bytesOut,
                notKept, datagrams, datagrams == null || datagrams.isEmpty() ? 0 : datagrams.get(0).seq());
    }
}
