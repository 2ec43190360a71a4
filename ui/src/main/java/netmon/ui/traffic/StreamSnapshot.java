package netmon.ui.traffic;

import java.util.List;

/**
 * What a capture holds for one stream, from a given sequence number on.
 *
 * @param key          the stream
 * @param chunks       chunks after the asked-for sequence number, in order
 * @param firstSeq     the oldest chunk still kept (older ones were dropped to stay within the limit)
 * @param droppedBytes bytes seen but not kept (the "N bytes not kept" marker)
 * @param bytesIn      all bytes seen inbound, kept or not
 * @param bytesOut     all bytes seen outbound, kept or not
 * @param closed       true once the connection closed (or the UDP listener stopped)
 * @param title        a one-line description: service, peer, host
 * @param listenerId   the listener the stream belongs to (0 for outgoing connections)
 */
public record StreamSnapshot(StreamKey key, List<Chunk> chunks, long firstSeq, long droppedBytes, long bytesIn,
                             long bytesOut, boolean closed, String title, long listenerId) {

    /** The empty snapshot of a stream the capture does not know. */
    public static StreamSnapshot unknown(StreamKey key) {
        return new StreamSnapshot(key, List.of(), 0, 0, 0, 0, false, key == null ? "" : key.toString(), -1);
    }
}
