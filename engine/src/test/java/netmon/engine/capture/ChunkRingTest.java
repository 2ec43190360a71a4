package netmon.engine.capture;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The paged ring on its own, checked chunk by chunk against a plain list of what it should keep. */
@Timeout(20)
class ChunkRingTest {
    private record Expected(long seq, Direction d, long time, long off, long other, byte[] data) {}

    /** Appends like the recorder does and keeps the model in step: at most {@code budget} bytes and {@code maxChunks} chunks. */
    private static void append(ChunkRing ring, ArrayDeque<Expected> model, long[] next, Direction d, long time,
                               long off, long other, byte[] data, long budget, int maxChunks) {
        long dropped = ring.append(d, time, off, other, ByteBuffer.wrap(data), 0, data.length, budget, maxChunks);
        long expectDropped = 0;
        long kept = model.stream().mapToLong(e -> e.data().length).sum();
        if (kept + data.length > budget || model.size() + 1 > maxChunks) {
            // Once it must drop, the ring drops ahead: room for this chunk and 1/256 of the budget (a page at
            // most), and for 1/256 of the chunk cap (a metadata page at most).
            long room = budget - Math.min(ChunkRing.PAGE, budget / 256);
            long chunks = maxChunks - Math.min(ChunkRing.SLOTS, maxChunks / 256);
            while (!model.isEmpty() && (kept + data.length > room || model.size() + 1 > chunks)) {
                Expected e = model.removeFirst();
                kept -= e.data().length;
                expectDropped += e.data().length;
            }
        }
        model.addLast(new Expected(next[0]++, d, time, off, other, data));
        assertEquals(expectDropped, dropped);
    }

    private static void check(ChunkRing ring, ArrayDeque<Expected> model) {
        ChunkRing.View v = ring.view();
        List<Chunk> cs = ChunkRing.copy(v, v.firstSeq());
        List<Expected> es = new ArrayList<>(model);
        assertEquals(es.size(), cs.size());
        assertEquals(es.size(), ring.chunkCount());
        for (int i = 0; i < es.size(); i++) {
            Expected e = es.get(i);
            Chunk c = cs.get(i);
            assertEquals(e.seq(), c.seq());
            assertEquals(e.d(), c.direction(), "direction of " + c);
            assertEquals(e.time(), c.timeMicros(), "time of " + c);
            assertEquals(e.off(), c.offset(), "offset of " + c);
            assertEquals(e.other(), c.otherOffset(), "other offset of " + c);
            assertArrayEquals(e.data(), c.bytes(), "bytes of " + c);
            assertEquals(e.data().length, v.size(c.seq()));
        }
        assertEquals(es.stream().mapToLong(e -> e.data().length).sum(), ring.keptBytes());
    }

    @Test
    void chunksOfEverySizeWrapAcrossPagesAndComeBackExact() {
        Random rnd = new Random(11);
        ChunkRing ring = new ChunkRing();
        ArrayDeque<Expected> model = new ArrayDeque<>();
        long[] next = {0};
        long in = 0;
        long out = 0;
        long time = 1_700_000_000_000_000L;
        long budget = 5 * ChunkRing.PAGE + 123;
        for (int i = 0; i < 3_000; i++) {
            int n = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1 + rnd.nextInt(40);
                case 2 -> ChunkRing.PAGE - 1 + rnd.nextInt(3);
                default -> rnd.nextInt((int) budget + 1);
            };
            byte[] data = new byte[n];
            rnd.nextBytes(data);
            Direction d = rnd.nextBoolean() ? Direction.IN : Direction.OUT;
            time += rnd.nextInt(1000);
            append(ring, model, next, d, time, d == Direction.IN ? in : out, d == Direction.IN ? out : in, data, budget,
                    300);
            if (d == Direction.IN) in += n;
            else out += n;
            if (i % 37 == 0) check(ring, model);
        }
        check(ring, model);
    }

    @Test
    void timesAndOffsetsTooFarApartForADifferenceAreKeptWhole() {
        ChunkRing ring = new ChunkRing();
        ArrayDeque<Expected> model = new ArrayDeque<>();
        long[] next = {0};
        long budget = 1 << 20;
        // An hour between chunks, the clock going back, offsets jumping by gigabytes (bytes counted while capture
        // was off), and values near the ends of a long: none fits an int difference from its page's first chunk.
        long[][] values = {
            {1_000_000L, 0, 0},
            {1_000_000L + 3_600_000_000L, 5, 0},
            {999_999L, 10L << 32, 7},
            {Long.MAX_VALUE - 1, 20, Long.MAX_VALUE - 5},
            {Long.MIN_VALUE + 1, 30, 9},
            {1_000_000L + Integer.MIN_VALUE, 40 + Integer.MAX_VALUE, 9 + (long) Integer.MIN_VALUE},
        };
        for (int round = 0; round < 30; round++) {
            for (long[] v : values) {
                Direction d = (round & 1) == 0 ? Direction.IN : Direction.OUT;
                append(ring, model, next, d, v[0], v[1] + round, v[2], new byte[] {(byte) round, 1, 2}, budget, 100);
            }
            check(ring, model);
        }
    }

    @Test
    void aRingThatGrowsWhileWrappingKeepsItsChunks() {
        // The budget rises between appends (the recorder's budget can be changed), so the page tables grow
        // while the live chunks straddle the end of the old tables.
        Random rnd = new Random(3);
        ChunkRing ring = new ChunkRing();
        ArrayDeque<Expected> model = new ArrayDeque<>();
        long[] next = {0};
        long off = 0;
        long budget = 100;
        int maxChunks = 2;
        for (int i = 0; i < 2_000; i++) {
            if (i % 100 == 99) {
                budget = budget * 2 + rnd.nextInt(1000);
                maxChunks = maxChunks * 2 + 1;
            }
            byte[] data = new byte[rnd.nextInt((int) Math.min(budget, 9_000) + 1)];
            rnd.nextBytes(data);
            append(ring, model, next, Direction.OUT, i, off, 0, data, budget, maxChunks);
            off += data.length;
            if (i % 13 == 0) check(ring, model);
        }
        check(ring, model);
    }

    @Test
    void aFullRingHoldsNoMorePagesThanItsBudgetNeeds() {
        ChunkRing ring = new ChunkRing();
        long budget = 1 << 20;
        int maxChunks = (int) (budget / 32);
        ByteBuffer small = ByteBuffer.wrap(new byte[48]);
        ByteBuffer big = ByteBuffer.wrap(new byte[5000]);
        for (int lap = 0; lap < 6; lap++) {
            for (int i = 0; i < 40_000; i++) {
                ByteBuffer b = (i % 50 == 0) ? big : small;
                ring.append(Direction.OUT, i, 0, 0, b, 0, b.remaining(), budget, maxChunks);
            }
        }
        int[] held = ring.pagesHeld();
        assertTrue(held[0] <= budget / ChunkRing.PAGE + 1, "byte pages " + held[0]);
        assertTrue(held[1] <= maxChunks / ChunkRing.SLOTS + 1, "metadata pages " + held[1]);
        assertTrue(ring.keptBytes() <= budget);
    }

    @Test
    void pagesLiveInDirectMemoryAndAReleasedRingsPagesServeTheNextRing() {
        PagePool pool = new PagePool();
        long budget = 1 << 20;
        int maxChunks = (int) (budget / 32);
        ByteBuffer line = ByteBuffer.wrap(new byte[48]);
        ChunkRing first = new ChunkRing(pool);
        first.append(Direction.IN, 0, 0, 0, line, 0, 48, budget, maxChunks);
        assertEquals(2 * ChunkRing.PAGE, pool.allocatedBytes(), "one chunk: one byte page and one metadata page");
        for (int i = 1; i < 4 * (int) (budget / 48); i++) {
            first.append(Direction.OUT, i, 0, 0, line, 0, 48, budget, maxChunks);
        }
        ChunkRing.View v = first.view();
        for (ByteBuffer page : v.pages()) assertTrue(page == null || page.isDirect());
        for (ChunkRing.MetaPage page : v.metas()) assertTrue(page == null || page.v.isDirect());
        // Four laps reuse the pages of the first: what it took is what a full ring needs, and a slab more at most.
        long needed = (budget / ChunkRing.PAGE + 1) * ChunkRing.PAGE + ((long) maxChunks / ChunkRing.SLOTS + 1) * ChunkRing.PAGE;
        long allocated = pool.allocatedBytes();
        assertTrue(allocated <= needed + PagePool.SLAB_MAX, allocated + " bytes for " + needed);

        first.release();
        assertEquals(0, first.keptBytes());
        assertEquals(first.nextSeq(), first.firstSeqNow(), "a reader of the released ring throws all it copied away");
        assertTrue(ChunkRing.copy(first.view(), 0).isEmpty());
        ArrayDeque<Expected> model = new ArrayDeque<>();
        long[] next = {0};
        ChunkRing second = new ChunkRing(pool);
        Random rnd = new Random(7);
        for (int i = 0; i < 2 * (int) (budget / 48); i++) {
            byte[] data = new byte[48 + rnd.nextInt(43)]; // no more chunks than the first ring had
            rnd.nextBytes(data);
            append(second, model, next, Direction.OUT, i, i, 0, data, budget, maxChunks);
        }
        check(second, model);
        assertEquals(allocated, pool.allocatedBytes(), "the second ring lives in the first one's pages");
    }

    @Test
    void aFullRingDropsAPageAheadSoMostAppendsDropNothing() {
        // 56-byte chunks, as a chat line to one client: past the first lap every append would drop one chunk
        // if the ring dropped only what the next chunk needs; it drops ahead by a page instead.
        ChunkRing ring = new ChunkRing();
        ArrayDeque<Expected> model = new ArrayDeque<>();
        long[] next = {0};
        long budget = 1 << 20;
        int maxChunks = (int) (budget / 32);
        int appends = 0;
        int dropping = 0;
        for (int i = 0; i < 3 * (int) (budget / 56); i++) {
            byte[] data = new byte[56];
            data[0] = (byte) i;
            data[55] = (byte) (i >>> 8);
            int before = model.size();
            append(ring, model, next, Direction.OUT, i, 56L * i, 0, data, budget, maxChunks);
            appends++;
            if (model.size() <= before) dropping++;
            if (i % 5_000 == 0) check(ring, model);
        }
        check(ring, model);
        assertTrue(ring.keptBytes() <= budget && ring.keptBytes() > budget - ChunkRing.PAGE - 56, "kept " + ring.keptBytes());
        assertTrue(dropping > 0 && dropping < appends / 60, dropping + " of " + appends + " appends dropped chunks");
    }
}
