package netmon.engine.capture;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The kept chunks of one connection or flow: their bytes in one circular byte array that grows up to the
 * budget, and their metadata in parallel circular arrays. Appending copies the bytes in and allocates
 * nothing once the ring has grown, so a busy connection creates no garbage on the reactor thread; readers
 * copy chunks out. Not thread-safe: its owner locks.
 *
 * <p>Byte positions are absolute (bytes ever appended); a chunk's bytes sit at {@code abs % capacity}. Chunks
 * are numbered from 0 in the order appended (their sequence numbers), so a reader that has seen up to one
 * number can copy out only what came after it.
 */
final class ChunkRing {
    private static final int INITIAL_BYTES = 4096;
    private static final int INITIAL_CHUNKS = 16;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private byte[] buf = new byte[0];
    private long head; // absolute position of the oldest kept byte
    private long tail; // absolute position of the next byte
    private int tailPos; // tail % buf.length, kept up to date so appending divides nothing

    // One record of META longs per chunk, side by side, so appending one touches one or two cache lines
    // (not six parallel arrays): start, time, offset, other offset, length << 1 | inbound.
    private static final int META = 5;
    private long[] meta = new long[0];
    private int slots; // meta.length / META
    private int first; // slot of the oldest chunk
    private int count;
    private long firstSeq; // sequence number of the oldest kept chunk: chunks ever dropped

    /** Bytes kept. */
    long keptBytes() { return tail - head; }

    /** Chunks kept. */
    int chunkCount() { return count; }

    /** The size of the newest kept chunk, 0 if none. */
    int newestSize() {
        if (count == 0) return 0;
        int slot = first + count - 1;
        if (slot >= slots) slot -= slots;
        return (int) (meta[slot * META + 4] >>> 1);
    }

    /** The sequence number of the oldest kept chunk (the next one's, if none is kept). */
    long firstSeq() { return firstSeq; }

    /** The sequence number the next appended chunk gets. */
    long nextSeq() { return firstSeq + count; }

    /**
     * Appends {@code n} bytes of {@code data} from absolute index {@code from}, first dropping the oldest chunks
     * so that at most {@code budget} bytes and {@code maxChunks} chunks remain. Returns the bytes dropped.
     * The caller ensures {@code n <= budget}.
     */
    long append(Direction d, long now, long off, long otherOff, ByteBuffer data, int from, int n, long budget,
                int maxChunks) {
        long dropped = 0;
        while (count > 0 && (keptBytes() + n > budget || count + 1 > maxChunks)) dropped += dropOldest();
        ensureBytes(keptBytes() + n, budget);
        ensureChunks(count + 1);
        int cap = buf.length;
        if (n > 0) {
            int pos = tailPos;
            int firstPart = Math.min(n, cap - pos);
            data.get(from, buf, pos, firstPart);
            if (firstPart < n) data.get(from + firstPart, buf, 0, n - firstPart);
            pos += n;
            tailPos = pos >= cap ? pos - cap : pos;
        }
        int slot = first + count;
        if (slot >= slots) slot -= slots;
        int m = slot * META;
        meta[m] = tail;
        meta[m + 1] = now;
        meta[m + 2] = off;
        meta[m + 3] = otherOff;
        meta[m + 4] = ((long) n << 1) | (d == Direction.IN ? 1 : 0);
        count++;
        tail += n;
        return dropped;
    }

    /** Drops the oldest chunks until at most {@code budget} bytes remain; returns the bytes dropped. */
    long trim(long budget) {
        long dropped = 0;
        while (count > 0 && keptBytes() > budget) dropped += dropOldest();
        return dropped;
    }

    private int dropOldest() {
        int n = (int) (meta[first * META + 4] >>> 1);
        head += n;
        if (++first == slots) first = 0;
        count--;
        firstSeq++;
        return n;
    }

    /** Copies the kept chunks out, oldest first. */
    List<Chunk> chunks() {
        return chunksAfter(-1);
    }

    /** Copies out the kept chunks whose sequence number is greater than {@code afterSeq}, oldest first. */
    List<Chunk> chunksAfter(long afterSeq) {
        // afterSeq may be Long.MAX_VALUE: compare before adding one.
        int from = afterSeq < firstSeq ? 0 : afterSeq - firstSeq >= count ? count : (int) (afterSeq - firstSeq + 1);
        List<Chunk> r = new ArrayList<>(count - from);
        for (int k = from; k < count; k++) {
            int m = ((first + k) % slots) * META;
            byte[] b = new byte[(int) (meta[m + 4] >>> 1)];
            copyOut(meta[m], b, 0, b.length);
            Direction d = (meta[m + 4] & 1) != 0 ? Direction.IN : Direction.OUT;
            r.add(new Chunk(firstSeq + k, d, meta[m + 1], meta[m + 2], meta[m + 3], b));
        }
        return r;
    }

    private void copyOut(long abs, byte[] dst, int off, int n) {
        if (n == 0) return;
        int cap = buf.length;
        int pos = (int) (abs % cap);
        int firstPart = Math.min(n, cap - pos);
        System.arraycopy(buf, pos, dst, off, firstPart);
        if (firstPart < n) System.arraycopy(buf, 0, dst, off + firstPart, n - firstPart);
    }

    private void ensureBytes(long needed, long budget) {
        if (needed <= buf.length) return;
        // Doubling, but never past the budget: a connection's ring is at most its budget.
        long grown = Math.max(needed, Math.min(budget, Math.max(INITIAL_BYTES, 2L * buf.length)));
        int cap = (int) Math.min(grown, MAX_ARRAY);
        byte[] live = new byte[(int) keptBytes()];
        copyOut(head, live, 0, live.length);
        buf = new byte[cap];
        int pos = (int) (head % cap);
        int firstPart = Math.min(live.length, cap - pos);
        System.arraycopy(live, 0, buf, pos, firstPart);
        if (firstPart < live.length) System.arraycopy(live, firstPart, buf, 0, live.length - firstPart);
        tailPos = (int) (tail % cap);
    }

    private void ensureChunks(int needed) {
        if (needed <= slots) return;
        int cap = Math.max(INITIAL_CHUNKS, slots * 2);
        long[] grown = new long[cap * META];
        for (int k = 0; k < count; k++) {
            System.arraycopy(meta, ((first + k) % slots) * META, grown, k * META, META);
        }
        meta = grown;
        slots = cap;
        first = 0;
    }
}
