package netmon.ui.traffic;

/**
 * One captured chunk: exactly the bytes of one dataReceived call (or one write handed to the kernel, or
 * one datagram), in stream order.
 *
 * @param seq        position among the stream's chunks, from 0, never reused
 * @param direction  in or out
 * @param timeMillis wall-clock time it was seen
 * @param offset     bytes of the same direction before it (the stream offset, for the hex view)
 * @param data       a private copy of the bytes; never modified
 */
public record Chunk(long seq, Direction direction, long timeMillis, long offset, byte[] data) {

    /** The chunk's size in bytes. */
    public int size() { return data.length; }
}
