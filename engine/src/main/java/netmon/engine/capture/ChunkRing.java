package netmon.engine.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The kept chunks of one connection or flow: their bytes in one circular byte array that grows up to the
 * budget, and their metadata in a parallel circular array. Appending copies the bytes in and allocates
 * nothing once the ring has grown, so a busy connection creates no garbage on the reactor thread.
 *
 * <p>One writer, any number of readers, no lock. Only the writer changes the ring. A reader first takes a
 * {@link View} (the arrays and the range of chunks, read consistently by its owner, see
 * {@code CaptureRecorder.Record}), then copies chunks out of the view's arrays with no coordination, then
 * asks {@link #firstSeqNow()}: every chunk numbered below it may have been overwritten while it copied and
 * is thrown away. That is sound because the writer drops a chunk (advancing the first sequence number)
 * before it reuses that chunk's bytes or metadata slot, with a store-store fence in between; and because
 * arrays replaced when the ring grows are never written again.
 *
 * <p>Byte positions are absolute (bytes ever appended); a chunk's bytes sit at {@code abs % capacity}. Chunks
 * are numbered from 0 in the order appended (their sequence numbers), and chunk {@code s}'s metadata sits in
 * slot {@code s & (slots - 1)}, so a reader needs no other index.
 */
final class ChunkRing {
    private static final int INITIAL_BYTES = 4096;
    private static final int INITIAL_CHUNKS = 16;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final VarHandle FIRST_SEQ;

    static {
        try {
            FIRST_SEQ = MethodHandles.lookup().findVarHandle(ChunkRing.class, "firstSeq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private byte[] buf = new byte[0];
    private long head; // absolute position of the oldest kept byte
    private long tail; // absolute position of the next byte
    private int tailPos; // tail % buf.length, kept up to date so appending divides nothing

    // One record of META longs per chunk, side by side, so appending one touches one or two cache lines:
    // start, time, offset, other offset, length << 1 | inbound.
    private static final int META = 5;
    private long[] meta = new long[0];
    private int mask = -1; // slots - 1; slots is a power of two
    private long firstSeq; // sequence number of the oldest kept chunk: chunks ever dropped (written via FIRST_SEQ)
    private long nextSeq; // sequence number of the next chunk

    /** What a reader copies from: read by the ring's owner while nothing changes it. */
    record View(byte[] buf, long[] meta, long firstSeq, long nextSeq, long head, long tail) {
        long keptBytes() { return tail - head; }

        /** The size of chunk {@code seq} (which must be in this view). */
        int size(long seq) { return (int) (meta[((int) seq & (meta.length / META - 1)) * META + 4] >>> 1); }

        /** Where chunk {@code seq}'s bytes start (absolute). */
        long start(long seq) { return meta[((int) seq & (meta.length / META - 1)) * META]; }
    }

    /** The ring as it is; for the owner to call while the writer is known not to be changing it. */
    View view() {
        return new View(buf, meta, firstSeq, nextSeq, head, tail);
    }

    /** Bytes kept. Writer thread. */
    long keptBytes() { return tail - head; }

    /** Chunks kept. Writer thread. */
    int chunkCount() { return (int) (nextSeq - firstSeq); }

    /** The size of the newest kept chunk, 0 if none. Writer thread. */
    int newestSize() {
        if (nextSeq == firstSeq) return 0;
        return (int) (meta[slot(nextSeq - 1) + 4] >>> 1);
    }

    /** The sequence number of the oldest kept chunk (the next one's, if none is kept). Writer thread. */
    long firstSeq() { return firstSeq; }

    /** The sequence number the next appended chunk gets. Writer thread. */
    long nextSeq() { return nextSeq; }

    /** The first sequence number now, for a reader that has copied chunks: those below it may be torn. */
    long firstSeqNow() {
        VarHandle.loadLoadFence(); // the copies above are done before this read
        return (long) FIRST_SEQ.getOpaque(this);
    }

    private int slot(long seq) { return ((int) seq & mask) * META; }

    /**
     * Appends {@code n} bytes of {@code data} from absolute index {@code from}, first dropping the oldest chunks
     * so that at most {@code budget} bytes and {@code maxChunks} chunks remain. Returns the bytes dropped.
     * The caller ensures {@code n <= budget}. Writer thread.
     */
    long append(Direction d, long now, long off, long otherOff, ByteBuffer data, int from, int n, long budget,
                int maxChunks) {
        long dropped = 0;
        long first = firstSeq;
        while (first < nextSeq && (tail - head + n > budget || nextSeq - first + 1 > maxChunks)) {
            head += meta[slot(first) + 4] >>> 1;
            dropped += meta[slot(first) + 4] >>> 1;
            first++;
        }
        if (first != firstSeq) {
            FIRST_SEQ.setOpaque(this, first);
            // Readers must be able to see the drop before they can see the bytes and slot reused below.
            VarHandle.storeStoreFence();
        }
        ensureBytes(tail - head + n, budget);
        ensureChunks((int) (nextSeq - first + 1));
        if (n > 0) {
            byte[] b = buf;
            int cap = b.length;
            int pos = tailPos;
            int firstPart = Math.min(n, cap - pos);
            data.get(from, b, pos, firstPart);
            if (firstPart < n) data.get(from + firstPart, b, 0, n - firstPart);
            pos += n;
            tailPos = pos >= cap ? pos - cap : pos;
        }
        long[] mt = meta;
        int m = slot(nextSeq);
        mt[m] = tail;
        mt[m + 1] = now;
        mt[m + 2] = off;
        mt[m + 3] = otherOff;
        mt[m + 4] = ((long) n << 1) | (d == Direction.IN ? 1 : 0);
        tail += n;
        nextSeq++;
        return dropped;
    }

    /** Drops the oldest chunks until at most {@code budget} bytes remain; returns the bytes dropped. Writer thread. */
    long trim(long budget) {
        long dropped = 0;
        long first = firstSeq;
        while (first < nextSeq && tail - head > budget) {
            int n = (int) (meta[slot(first) + 4] >>> 1);
            head += n;
            dropped += n;
            first++;
        }
        if (first != firstSeq) FIRST_SEQ.setOpaque(this, first);
        return dropped;
    }

    /** Copies out the chunks of {@code v} numbered {@code from} up to its end, oldest first. Any thread. */
    static List<Chunk> copy(View v, long from) {
        if (from >= v.nextSeq()) return new ArrayList<>(0);
        List<Chunk> r = new ArrayList<>((int) (v.nextSeq() - from));
        long[] mt = v.meta();
        int mk = mt.length / META - 1;
        byte[] b = v.buf();
        for (long s = from; s < v.nextSeq(); s++) {
            int m = ((int) s & mk) * META;
            long lenDir = mt[m + 4];
            byte[] out = new byte[(int) (lenDir >>> 1)];
            copyOut(b, mt[m], out);
            Direction d = (lenDir & 1) != 0 ? Direction.IN : Direction.OUT;
            r.add(new Chunk(s, d, mt[m + 1], mt[m + 2], mt[m + 3], out));
        }
        return r;
    }

    private static void copyOut(byte[] b, long abs, byte[] dst) {
        int n = dst.length;
        if (n == 0) return;
        int cap = b.length;
        int pos = (int) (abs % cap);
        int firstPart = Math.min(n, cap - pos);
        System.arraycopy(b, pos, dst, 0, firstPart);
        if (firstPart < n) System.arraycopy(b, 0, dst, firstPart, n - firstPart);
    }

    private void ensureBytes(long needed, long budget) {
        if (needed <= buf.length) return;
        // Doubling, but never past the budget: a connection's ring is at most its budget. The old array is
        // left as it is (readers may be copying from it) and the live bytes copied across once.
        long grown = Math.max(needed, Math.min(budget, Math.max(INITIAL_BYTES, 2L * buf.length)));
        int cap = (int) Math.min(grown, MAX_ARRAY);
        byte[] old = buf;
        byte[] nb = new byte[cap];
        long live = tail - head;
        for (long abs = head; abs < tail; ) {
            int src = (int) (abs % old.length);
            int dst = (int) (abs % cap);
            int n = (int) Math.min(tail - abs, Math.min(old.length - src, cap - dst));
            System.arraycopy(old, src, nb, dst, n);
            abs += n;
        }
        assert live <= cap;
        buf = nb;
        tailPos = (int) (tail % cap);
    }

    private void ensureChunks(int needed) {
        int slots = mask + 1;
        if (needed <= slots) return;
        int cap = Math.max(INITIAL_CHUNKS, Integer.highestOneBit(Math.max(1, needed - 1)) << 1);
        long[] grown = new long[cap * META];
        int mk = cap - 1;
        for (long s = firstSeq; s < nextSeq; s++) {
            System.arraycopy(meta, slot(s), grown, ((int) s & mk) * META, META);
        }
        meta = grown;
        mask = mk;
    }
}
