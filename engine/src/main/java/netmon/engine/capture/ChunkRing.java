package netmon.engine.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The kept chunks of one connection or flow: their bytes in fixed-size pages, and their metadata (16 bytes
 * a chunk) in pages of {@value #SLOTS} chunks. Pages are allocated as the ring fills, up to what the budget
 * needs, and reused when the ring wraps: growing copies no bytes and no metadata, and once the ring has
 * grown appending allocates nothing, so a busy connection creates no garbage on the reactor thread.
 *
 * <p>Both kinds of page are 4 KiB of direct memory from the recorder's {@link PagePool}, outside the Java
 * heap. A capture holds many megabytes for as long as its connections are tracked; on the heap, every young
 * collection copied the pages just filled and every full collection went over all of them, pauses that grew
 * with what was captured (see BENCHMARKS.md, "The capture's cost, session 6"). A ring no longer needed is
 * {@linkplain #release released}: its pages go back to the pool for the next connections.
 *
 * <p>One writer, any number of readers, no lock. Only the writer changes the ring. A reader first takes a
 * {@link View} (the page tables and the range of chunks, read consistently by its owner, see
 * {@code CaptureRecorder.Record}), then copies chunks out of the view's pages with no coordination, then
 * asks {@link #firstSeqNow()}: every chunk numbered below it may have been overwritten while it copied and
 * is thrown away. That is sound because the writer drops a chunk (advancing the first sequence number)
 * before it reuses that chunk's bytes or metadata page, with a store-store fence in between; because a page
 * is reused only once everything in it was dropped; and because a page table, once replaced when the ring
 * grows, is never written again (a live table only gets pages put into empty entries).
 *
 * <p>Byte positions are absolute (bytes ever appended); byte {@code abs} sits in page {@code abs >>> 12} at
 * {@code abs & 4095}, and page {@code q} in table entry {@code q % length}. A table is as long as the most
 * pages the ring has needed at once (not rounded up to a power of two, which would let a full ring hold up to
 * twice its budget in pages); the writer divides only when it moves to another page. Chunks are numbered
 * from 0 in the order appended (their sequence numbers); chunk {@code s}'s metadata sits in metadata page
 * {@code s >>> 8}, found the same way. A chunk's start is not stored: the chunks are contiguous, so it is the
 * ring's tail less the sizes of the chunks after it.
 */
final class ChunkRing {
    private static final int PAGE_SHIFT = 12;
    /** Bytes per byte page. */
    static final int PAGE = 1 << PAGE_SHIFT;
    private static final int SLOT_SHIFT = 8; // 16 bytes of metadata a chunk: a metadata page is a pool page
    /** Chunks per metadata page. */
    static final int SLOTS = 1 << SLOT_SHIFT;
    private static final VarHandle FIRST_SEQ;

    static {
        try {
            FIRST_SEQ = MethodHandles.lookup().findVarHandle(ChunkRing.class, "firstSeq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The metadata of {@value #SLOTS} consecutive chunks: four ints a chunk, side by side (size, negated as
     * {@code ~size} for inbound; then time, inbound offset and outbound offset as differences from the page's
     * bases, which are the page's first chunk's). A difference that does not fit an int is stored whole in
     * {@code wide}, allocated the first time one does not, with {@link Integer#MIN_VALUE} in its place.
     * The ints are in direct memory (in the platform's byte order), {@code v} being their buffer.
     */
    static final class MetaPage {
        final ByteBuffer v;
        long[] wide;
        long baseTime;
        long baseIn;
        long baseOut;

        MetaPage(ByteBuffer v) {
            this.v = v;
        }

        int at(int k) {
            return v.getInt(k << 2);
        }

        void set(int k, int x) {
            v.putInt(k << 2, x);
        }

        void put(int k, long value, long base) {
            long d = value - base;
            if (d > Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                set(k, (int) d);
            } else {
                long[] w = wide;
                if (w == null) wide = w = new long[4 * SLOTS];
                w[k] = value;
                set(k, Integer.MIN_VALUE);
            }
        }

        long get(int k, long base) {
            int d = at(k);
            if (d != Integer.MIN_VALUE) return base + d;
            long[] w = wide;
            return w == null ? base : w[k]; // null only for a torn read, which the reader throws away
        }

        int size(int slot) {
            int x = at(slot << 2);
            return x < 0 ? ~x : x;
        }
    }

    private final PagePool pool;
    private ByteBuffer[] pages = new ByteBuffer[1];
    private long head; // absolute position of the oldest kept byte
    private long tail; // absolute position of the next byte

    private MetaPage[] metas = new MetaPage[1];
    private long maxPages = 1;
    private long maxMetaPages = 1;
    private long firstSeq; // sequence number of the oldest kept chunk: chunks ever dropped (written via FIRST_SEQ)
    private long nextSeq; // sequence number of the next chunk

    /** A ring taking its pages from {@code pool}. */
    ChunkRing(PagePool pool) {
        this.pool = pool;
    }

    /** A ring with a pool of its own (for tests). */
    ChunkRing() {
        this(new PagePool());
    }

    /** What a reader copies from: read by the ring's owner while nothing changes it. */
    record View(ByteBuffer[] pages, MetaPage[] metas, long firstSeq, long nextSeq, long head, long tail) {
        long keptBytes() { return tail - head; }

        /** The size of chunk {@code seq} (which must be in this view). */
        int size(long seq) {
            MetaPage p = metas[(int) ((seq >>> SLOT_SHIFT) % metas.length)];
            return p == null ? 0 : p.size((int) seq & (SLOTS - 1)); // null: torn, thrown away by the reader
        }
    }

    /** The ring as it is; for the owner to call while the writer is known not to be changing it. */
    View view() {
        return new View(pages, metas, firstSeq, nextSeq, head, tail);
    }

    /** Bytes kept. Writer thread. */
    long keptBytes() { return tail - head; }

    /** Chunks kept. Writer thread. */
    int chunkCount() { return (int) (nextSeq - firstSeq); }

    /** The size of the newest kept chunk, 0 if none. Writer thread. */
    int newestSize() {
        if (nextSeq == firstSeq) return 0;
        return sizeOf(nextSeq - 1);
    }

    /** The sequence number of the oldest kept chunk (the next one's, if none is kept). Writer thread. */
    long firstSeq() { return firstSeq; }

    /** The sequence number the next appended chunk gets. Writer thread. */
    long nextSeq() { return nextSeq; }

    /** Byte pages and metadata pages held now, for tests of the memory bound. Writer thread. */
    int[] pagesHeld() {
        int b = 0;
        int m = 0;
        for (ByteBuffer x : pages) if (x != null) b++;
        for (MetaPage x : metas) if (x != null) m++;
        return new int[] {b, m};
    }

    /** The first sequence number now, for a reader that has copied chunks: those below it may be torn. */
    long firstSeqNow() {
        VarHandle.loadLoadFence(); // the copies above are done before this read
        return (long) FIRST_SEQ.getOpaque(this);
    }

    // The writer's cached pages: the metadata pages of the oldest and the next chunk, the byte page of the tail.
    private long headMetaNo = -1;
    private MetaPage headMeta;
    private long tailMetaNo = -1;
    private MetaPage tailMeta;
    private long tailPageNo = -1;
    private ByteBuffer tailPage;

    /** The size of kept chunk {@code seq}, {@code seq} being the oldest or the newest. Writer thread. */
    private int sizeOf(long seq) {
        long q = seq >>> SLOT_SHIFT;
        MetaPage p;
        if (q == headMetaNo) {
            p = headMeta;
        } else if (q == tailMetaNo) {
            p = tailMeta;
        } else {
            p = metas[(int) (q % metas.length)];
            headMetaNo = q;
            headMeta = p;
        }
        return p.size((int) seq & (SLOTS - 1));
    }

    // What the last slow append left room for: an append of bytes ending at or before fastEnd and numbered
    // below fastSeqEnd, under the same budget and chunk cap, fits the tail's byte page and metadata page and
    // drops nothing. (trim only raises the real limits, so these stay safe after it.)
    private long fastEnd = -1;
    private long fastSeqEnd = -1;
    private long fastBudget = -1;
    private int fastMaxChunks = -1;

    /**
     * Appends {@code n} bytes of {@code data} from absolute index {@code from}, first dropping the oldest chunks
     * if more than {@code budget} bytes or {@code maxChunks} chunks would be kept. Returns the bytes dropped.
     * The caller ensures {@code n <= budget}. Writer thread.
     *
     * <p>A full ring drops ahead: once it must drop, it drops until this chunk and {@link #slack} more bytes
     * (and {@link #chunkSlack} more chunks) fit, so that most appends, before and after the ring wraps, take
     * the short path here: a copy into the tail's page and four ints. Everything else (a new page, growing,
     * dropping) is in {@link #appendSlow}, which the short path reaches every few dozen appends from the
     * first: the JIT compiles both from a profile in which both are taken, and the wrap, when it comes, does
     * not send this method (nor the reactor code it is compiled into) back to the interpreter.
     */
    long append(Direction d, long now, long off, long otherOff, ByteBuffer data, int from, int n, long budget,
                int maxChunks) {
        long t = tail;
        long seq = nextSeq;
        if (t + n > fastEnd || seq >= fastSeqEnd || budget != fastBudget || maxChunks != fastMaxChunks) {
            return appendSlow(d, now, off, otherOff, data, from, n, budget, maxChunks);
        }
        tailPage.put((int) t & (PAGE - 1), data, from, n);
        putMeta(tailMeta, (int) seq & (SLOTS - 1), d, now, off, otherOff, n);
        tail = t + n;
        nextSeq = seq + 1;
        return 0;
    }

    /** Bytes a ring that must drop frees beyond what the next chunk needs: a page at most, 1/256 of the budget. */
    static long slack(long budget) {
        return Math.min(PAGE, budget >>> 8);
    }

    /** Chunks a ring that must drop frees beyond the next chunk: a metadata page at most, 1/256 of the cap. */
    static int chunkSlack(int maxChunks) {
        return Math.min(SLOTS, maxChunks >>> 8);
    }

    private long appendSlow(Direction d, long now, long off, long otherOff, ByteBuffer data, int from, int n,
                            long budget, int maxChunks) {
        // The most pages the kept bytes and chunks can straddle, for sizing a table that must grow.
        maxPages = Math.min(Integer.MAX_VALUE - 16, (budget + PAGE - 1) / PAGE + 1);
        maxMetaPages = ((long) maxChunks + SLOTS - 1) / SLOTS + 1;
        long dropped = 0;
        if (tail - head + n > budget || nextSeq - firstSeq + 1 > maxChunks) dropped = dropFor(n, budget, maxChunks);
        long seq = nextSeq;
        MetaPage p;
        try {
            // The tail's page is cached: a chunk that ends in it starts in it too (it is the previous one's last).
            if (n > 0 && ((tail + n - 1) >>> PAGE_SHIFT) != tailPageNo) bytePagesFor(n);
            p = metaPageFor(seq);
        } catch (OutOfMemoryError e) {
            // No direct memory left for a page (the capture's total budget keeps far below the JVM's limit, so
            // something else took it): this chunk is not kept, the ring and the connection go on.
            return dropped + n;
        }
        if (n > 0) {
            long t = tail;
            int done = 0;
            while (done < n) {
                long q = t >>> PAGE_SHIFT;
                ByteBuffer page = q == tailPageNo ? tailPage : pages[(int) (q % pages.length)];
                int at = (int) t & (PAGE - 1);
                int part = Math.min(n - done, PAGE - at);
                page.put(at, data, from + done, part);
                done += part;
                t += part;
            }
        }
        int slot = (int) seq & (SLOTS - 1);
        if (slot == 0) {
            p.baseTime = now;
            p.baseIn = d == Direction.IN ? off : otherOff;
            p.baseOut = d == Direction.IN ? otherOff : off;
        }
        putMeta(p, slot, d, now, off, otherOff, n);
        tail += n;
        nextSeq = seq + 1;
        fastBudget = budget;
        fastMaxChunks = maxChunks;
        fastEnd = tailPage == null ? -1
                : Math.min((tailPageNo + 1) << PAGE_SHIFT, budget > Long.MAX_VALUE - head ? Long.MAX_VALUE : head + budget);
        fastSeqEnd = Math.min((tailMetaNo + 1) << SLOT_SHIFT, firstSeq + maxChunks);
        return dropped;
    }

    private static void putMeta(MetaPage p, int slot, Direction d, long now, long off, long otherOff, int n) {
        int k = slot << 2;
        boolean in = d == Direction.IN;
        p.set(k, in ? ~n : n);
        p.put(k + 1, now, p.baseTime);
        p.put(k + 2, in ? off : otherOff, p.baseIn);
        p.put(k + 3, in ? otherOff : off, p.baseOut);
    }

    /** Drops the oldest chunks until {@code n} bytes and the slack fit; returns the bytes dropped. Writer thread. */
    private long dropFor(int n, long budget, int maxChunks) {
        long room = budget - slack(budget);
        long chunks = (long) maxChunks - chunkSlack(maxChunks);
        long dropped = 0;
        long first = firstSeq;
        long h = head;
        while (first < nextSeq && (tail - h + n > room || nextSeq - first + 1 > chunks)) {
            int s = sizeOf(first);
            h += s;
            dropped += s;
            first++;
        }
        if (first != firstSeq) {
            head = h;
            FIRST_SEQ.setOpaque(this, first);
            // Readers must be able to see the drop before they can see the bytes and pages reused after it.
            VarHandle.storeStoreFence();
        }
        return dropped;
    }

    /**
     * Drops every chunk and gives the pages back to the pool, for a ring no longer tracked. Readers still
     * copying from a view of it throw everything away: as when the ring wraps, the drop is visible before
     * the pages can be reused. The ring is empty after, and would take new pages if appended to. Writer thread.
     */
    void release() {
        FIRST_SEQ.setOpaque(this, nextSeq);
        head = tail;
        VarHandle.storeStoreFence();
        for (ByteBuffer p : pages) if (p != null) pool.give(p);
        for (MetaPage m : metas) if (m != null) pool.give(m.v);
        pages = new ByteBuffer[1];
        metas = new MetaPage[1];
        // Nothing cached may point at a page given back; the fast path then goes slow first.
        headMetaNo = tailMetaNo = tailPageNo = -1;
        headMeta = tailMeta = null;
        tailPage = null;
        fastEnd = fastSeqEnd = -1;
    }

    /** Drops the oldest chunks until at most {@code budget} bytes remain; returns the bytes dropped. Writer thread. */
    long trim(long budget) {
        long dropped = 0;
        long first = firstSeq;
        while (first < nextSeq && tail - head > budget) {
            int n = sizeOf(first);
            head += n;
            dropped += n;
            first++;
        }
        if (first != firstSeq) FIRST_SEQ.setOpaque(this, first);
        return dropped;
    }

    /**
     * Makes the byte pages for the {@code n} bytes about to be appended at the tail, and caches the last one.
     */
    private void bytePagesFor(int n) {
        long firstPage = head >>> PAGE_SHIFT;
        long lastPage = (tail + n - 1) >>> PAGE_SHIFT;
        ByteBuffer[] pg = pages;
        long span = lastPage - firstPage + 1;
        if (span > pg.length) {
            // A new table: the old one is left as it is for readers. Only the live pages move across; pages
            // wholly dropped are left to the collector. Doubling, but never past what the budget needs.
            int len = (int) Math.max(span, Math.min(2L * pg.length, maxPages));
            ByteBuffer[] grown = new ByteBuffer[len];
            if (tail > head) {
                for (long q = firstPage; q <= (tail - 1) >>> PAGE_SHIFT; q++) {
                    grown[(int) (q % len)] = pg[(int) (q % pg.length)];
                }
            }
            pages = pg = grown;
        }
        for (long q = tail >>> PAGE_SHIFT; q <= lastPage; q++) {
            // An entry already there is either the tail's own page or one from a lap before, wholly dropped.
            int i = (int) (q % pg.length);
            if (pg[i] == null) pg[i] = pool.take();
            else pool.warm(pg[i]);
            if (q == lastPage) {
                tailPageNo = q;
                tailPage = pg[i];
            }
        }
    }

    /** The metadata page for chunk {@code seq} (the next one), made or reused as needed. */
    private MetaPage metaPageFor(long seq) {
        long page = seq >>> SLOT_SHIFT;
        if (page == tailMetaNo) return tailMeta;
        long firstPage = firstSeq >>> SLOT_SHIFT;
        MetaPage[] mt = metas;
        long span = page - firstPage + 1;
        if (span > mt.length) {
            int len = (int) Math.max(span, Math.min(2L * mt.length, maxMetaPages));
            MetaPage[] grown = new MetaPage[len];
            if (seq > firstSeq) {
                for (long q = firstPage; q <= (seq - 1) >>> SLOT_SHIFT; q++) {
                    grown[(int) (q % len)] = mt[(int) (q % mt.length)];
                }
            }
            metas = mt = grown;
        }
        int i = (int) (page % mt.length);
        MetaPage p = mt[i];
        if (p == null) mt[i] = p = new MetaPage(pool.take());
        else pool.warm(p.v);
        tailMetaNo = page;
        tailMeta = p;
        return p;
    }

    /**
     * Copies out the chunks of {@code v} numbered {@code from} up to its end, oldest first. Any thread. Chunks
     * the writer has overwritten since the view was taken may come out wrong (the caller throws away those
     * numbered below {@link #firstSeqNow()}); if their sizes cannot be those of the view's bytes, the oldest
     * are left out, so the result may start after {@code from}.
     */
    static List<Chunk> copy(View v, long from) {
        long end = v.nextSeq();
        if (from >= end) return new ArrayList<>(0);
        MetaPage[] mt = v.metas();
        ByteBuffer[] pg = v.pages();
        long kept = v.keptBytes();
        // Starts from the tail backwards: chunk s starts where s + 1 starts, less its size.
        int count = (int) (end - from);
        Chunk[] out = new Chunk[count];
        long start = v.tail();
        long used = 0;
        int firstOut = count;
        for (long s = end - 1; s >= from; s--) {
            MetaPage p = mt[(int) ((s >>> SLOT_SHIFT) % mt.length)];
            if (p == null) break; // torn: a page table entry of another lap
            int k = ((int) s & (SLOTS - 1)) << 2;
            int x = p.at(k);
            int n = x < 0 ? ~x : x;
            used += n;
            if (used > kept) break; // torn: sizes from another lap
            start -= n;
            byte[] b = new byte[n];
            copyOut(pg, start, b);
            Direction d = x < 0 ? Direction.IN : Direction.OUT;
            long in = p.get(k + 2, p.baseIn);
            long o = p.get(k + 3, p.baseOut);
            out[--firstOut] = new Chunk(s, d, p.get(k + 1, p.baseTime), d == Direction.IN ? in : o,
                    d == Direction.IN ? o : in, b);
        }
        List<Chunk> r = new ArrayList<>(count - firstOut);
        for (int i = firstOut; i < count; i++) r.add(out[i]);
        return r;
    }

    private static void copyOut(ByteBuffer[] pg, long abs, byte[] dst) {
        int n = dst.length;
        int done = 0;
        while (done < n) {
            ByteBuffer page = pg[(int) ((abs >>> PAGE_SHIFT) % pg.length)];
            int at = (int) abs & (PAGE - 1);
            int part = Math.min(n - done, PAGE - at);
            if (page == null) return; // torn: a page from another lap's table entry
            page.get(at, dst, done, part);
            done += part;
            abs += part;
        }
    }
}
