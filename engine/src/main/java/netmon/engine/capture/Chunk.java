package netmon.engine.capture;

import java.nio.ByteBuffer;

/**
 * One captured chunk of traffic, exactly as the monitor reported it: a TCP read or write, or one datagram.
 * Immutable; its bytes are a private copy made when the snapshot was taken.
 *
 * <p>{@code offset} is where the chunk starts in its direction's stream (bytes of that direction seen on
 * the connection or flow before it, kept or not); {@code otherOffset} is how many bytes the other direction
 * had seen at that moment. Together they let a writer place the chunk in sequence-number space even when
 * earlier chunks were not kept. {@code seq} numbers the kept chunks of one connection or flow.
 */
public final class Chunk {
    private final long seq;
    private final Direction direction;
    private final long timeMicros;
    private final long offset;
    private final long otherOffset;
    private final byte[] data;

    Chunk(long seq, Direction direction, long timeMicros, long offset, long otherOffset, byte[] data) {
        this.seq = seq;
        this.direction = direction;
        this.timeMicros = timeMicros;
        this.offset = offset;
        this.otherOffset = otherOffset;
        this.data = data;
    }

    /**
     * Its position among the chunks kept for its connection or flow, from 0 and never reused: a viewer that
     * has shown up to one number asks only for what came after it. Chunks seen while capture was off are
     * not numbered.
     */
    public long seq() { return seq; }

    /** In or out. */
    public Direction direction() { return direction; }

    /** Wall-clock time it was reported, in microseconds since the epoch. */
    public long timeMicros() { return timeMicros; }

    /** Start of this chunk in its direction's stream. */
    public long offset() { return offset; }

    /** Bytes the other direction had seen when this chunk was reported. */
    public long otherOffset() { return otherOffset; }

    /** Number of bytes kept in this chunk. */
    public int size() { return data.length; }

    /** The bytes, read-only. */
    public ByteBuffer data() { return ByteBuffer.wrap(data).asReadOnlyBuffer(); }

    /** A copy of the bytes. */
    public byte[] bytes() { return data.clone(); }

    /** The byte at {@code i}. */
    public byte byteAt(int i) { return data[i]; }

    /** Package-private access to the array, for the writer (never mutated). */
    byte[] array() { return data; }

    @Override
    public String toString() {
        return "#" + seq + " " + direction + " " + data.length + "B @" + offset + " t=" + timeMicros;
    }
}
