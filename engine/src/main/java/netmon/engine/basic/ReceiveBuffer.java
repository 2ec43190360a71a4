package netmon.engine.basic;

import java.util.Arrays;

/**
 * The unparsed bytes of a framing receiver: a growable array with a read index, so consuming a frame
 * moves an index instead of copying the rest, and appending is amortised O(1). Not thread-safe; each
 * receiver owns one.
 */
final class ReceiveBuffer {
    private static final byte[] EMPTY = new byte[0];
    private static final int RETAIN_LIMIT = 1 << 20;

    private byte[] buf = EMPTY;
    private int start;
    private int end;

    int size() { return end - start; }

    boolean isEmpty() { return end == start; }

    /** Appends {@code len} bytes of {@code data} from {@code off}. */
    void append(byte[] data, int off, int len) {
        if (len == 0) return;
        if (end + len > buf.length) makeRoom(len);
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    void append(byte[] data) { append(data, 0, data.length); }

    private void makeRoom(int len) {
        int live = end - start;
        int needed = live + len;
        if (needed <= buf.length && start >= buf.length / 2) {
            // Enough room once the consumed prefix is dropped; sliding is cheaper than growing.
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            int cap = Math.max(needed, Math.max(64, buf.length * 2));
            byte[] bigger = new byte[cap];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
        }
        start = 0;
        end = live;
    }

    /**
     * The offset, relative to the read index, of the first {@code delimiter} that starts at or after
     * relative offset {@code from}; -1 if none.
     */
    int indexOf(byte[] delimiter, int from) {
        int dl = delimiter.length;
        byte first = delimiter[0];
        int last = end - dl;
        outer:
        for (int i = start + Math.max(0, from); i <= last; i++) {
            if (buf[i] != first) continue;
            for (int j = 1; j < dl; j++) {
                if (buf[i + j] != delimiter[j]) continue outer;
            }
            return i - start;
        }
        return -1;
    }

    /** The byte at relative offset {@code i}. */
    byte get(int i) { return buf[start + i]; }

    /** Copies {@code n} bytes from the read index without consuming them. */
    byte[] peek(int n) { return Arrays.copyOfRange(buf, start, start + n); }

    /** Removes and returns the next {@code n} bytes. */
    byte[] take(int n) {
        byte[] out = peek(n);
        skip(n);
        return out;
    }

    /** Drops the next {@code n} bytes. */
    void skip(int n) {
        start += n;
        if (start == end) clear();
    }

    /** Removes and returns everything. */
    byte[] takeAll() { return take(size()); }

    /** Drops everything, keeping a small array for reuse. */
    void clear() {
        start = 0;
        end = 0;
        // Don't pin a large array after one big burst.
        if (buf.length > RETAIN_LIMIT) buf = EMPTY;
    }
}
