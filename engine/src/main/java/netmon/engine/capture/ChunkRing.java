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
 * <p>Byte positions are absolute (bytes ever appended); a chunk's bytes sit at {@code abs % capacity}.
 */
final class ChunkRing {
    private static final int INITIAL_BYTES = 4096;
    private static final int INITIAL_CHUNKS = 16;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private byte[] buf = new byte[0];
    private long head; // absolute position of the oldest kept byte
    private long tail; // absolute position of the next byte

    private long[] start = new long[0];
    private long[] time = new long[0];
    private long[] offset = new long[0];
    private long[] other = new long[0];
    private int[] length = new int[0];
    private boolean[] in = new boolean[0];
    private int first; // index of the oldest chunk
    private int count;

    /** Bytes kept. */
    long keptBytes() { return tail - head; }

    /** Chunks kept. */
    int chunkCount() { return count; }

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
            int pos = (int) (tail % cap);
            int firstPart = Math.min(n, cap - pos);
            data.get(from, buf, pos, firstPart);
            if (firstPart < n) data.get(from + firstPart, buf, 0, n - firstPart);
        }
        int i = (first + count) % start.length;
        start[i] = tail;
        time[i] = now;
        offset[i] = off;
        other[i] = otherOff;
        length[i] = n;
        in[i] = d == Direction.IN;
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
        int n = length[first];
        head += n;
        first = (first + 1) % start.length;
        count--;
        return n;
    }

    /** Copies the kept chunks out, oldest first. */
    List<Chunk> chunks() {
        List<Chunk> r = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int i = (first + k) % start.length;
            byte[] b = new byte[length[i]];
            copyOut(start[i], b, 0, b.length);
            r.add(new Chunk(in[i] ? Direction.IN : Direction.OUT, time[i], offset[i], other[i], b));
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
    }

    private void ensureChunks(int needed) {
        if (needed <= start.length) return;
        int cap = Math.max(INITIAL_CHUNKS, start.length * 2);
        long[] s = new long[cap], t = new long[cap], o = new long[cap], ot = new long[cap];
        int[] l = new int[cap];
        boolean[] d = new boolean[cap];
        for (int k = 0; k < count; k++) {
            int i = (first + k) % start.length;
            s[k] = start[i];
            t[k] = time[i];
            o[k] = offset[i];
            ot[k] = other[i];
            l[k] = length[i];
            d[k] = in[i];
        }
        start = s;
        time = t;
        offset = o;
        other = ot;
        length = l;
        in = d;
        first = 0;
    }
}
