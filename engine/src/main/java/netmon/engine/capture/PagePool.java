package netmon.engine.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;

/**
 * The 4 KiB pages of direct memory the rings of one recorder keep their bytes and chunk metadata in: cut
 * from slabs allocated as needed, and reused when a ring is released. Direct memory is freed only when the
 * collector finds its buffer unreachable, which for long-lived buffers may be long after; reusing the pages
 * of forgotten connections instead keeps what the capture takes from the system at the most it has ever
 * held at once, whatever the collector does. Used by the writer thread only (the one reporting events).
 */
final class PagePool {
    static final int PAGE = ChunkRing.PAGE;
    /** The largest slab: 64 pages. The first is two pages, what one short connection needs. */
    static final int SLAB_MAX = 64 * PAGE;

    private ByteBuffer slab;
    private int slabUsed;
    private int nextSlab = 2 * PAGE;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private long allocated;
    private int warmed; // what warm() read, kept so that the JIT cannot drop the reads

    /** A page, in the platform's byte order: a released one if any (its old bytes still in it), else a new one. */
    ByteBuffer take() {
        ByteBuffer p = free.pollLast();
        if (p != null) {
            warm(p);
            return p;
        }
        ByteBuffer s = slab;
        if (s == null || s.capacity() - slabUsed < PAGE) {
            int cap = nextSlab;
            slab = s = ByteBuffer.allocateDirect(cap); // zeroed, so new pages come in cached
            allocated += cap;
            slabUsed = 0;
            nextSlab = Math.min(SLAB_MAX, 2 * cap);
        }
        p = s.slice(slabUsed, PAGE).order(ByteOrder.nativeOrder());
        slabUsed += PAGE;
        return p;
    }

    /** Takes back a page no ring uses any more (readers may still copy from it: see {@link ChunkRing#release}). */
    void give(ByteBuffer page) {
        free.addLast(page);
    }

    /** Direct memory allocated so far. */
    long allocatedBytes() { return allocated; }

    /**
     * Reads one byte of each cache line of a page about to be reused. The page was last written long ago;
     * with many rings filling in turn, that is tens of MiB ago, out of every cache, and each append would
     * wait on memory for the line it writes into (the prefetcher cannot follow dozens of rings). Read now,
     * in one loop, the lines' loads overlap and the page's later appends find it cached.
     */
    void warm(ByteBuffer page) {
        int s = 0;
        for (int i = 0; i < PAGE; i += 64) s += page.get(i);
        warmed += s;
    }
}
