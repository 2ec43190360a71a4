package netmon.engine.defer;

import java.util.ArrayDeque;

/**
 * A FIFO queue whose {@link #get()} returns a Deferred that fires with the next item: Twisted's
 * {@code DeferredQueue}. {@code size} bounds the items held, {@code backlog} the gets waiting.
 */
public final class DeferredQueue<T> {
    private final int size, backlog;
    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private final ArrayDeque<Deferred<T>> waiting = new ArrayDeque<>();

    /** An unbounded queue. */
    public DeferredQueue() { this(Integer.MAX_VALUE, Integer.MAX_VALUE); }

    /** A queue holding at most {@code size} items and {@code backlog} waiting gets. */
    public DeferredQueue(int size, int backlog) {
        this.size = size;
        this.backlog = backlog;
    }

    /** Hands {@code item} to the first waiting get, or keeps it; {@link QueueOverflow} when full. */
    public void put(T item) {
        if (!waiting.isEmpty()) {
            waiting.removeFirst().callback(item);
        } else if (pending.size() < size) {
            pending.add(item);
        } else {
            throw new QueueOverflow();
        }
    }

    /** A Deferred for the next item; {@link QueueUnderflow} when {@code backlog} gets already wait. Cancelling it leaves the queue. */
    public Deferred<T> get() {
        if (!pending.isEmpty()) return Deferred.succeed(pending.removeFirst());
        if (waiting.size() >= backlog) throw new QueueUnderflow();
        Deferred<T> d = new Deferred<>("DeferredQueue.get", waiting::remove);
        waiting.add(d);
        return d;
    }

    /** Items held. */
    public int pendingCount() { return pending.size(); }

    /** Gets waiting. */
    public int waitingCount() { return waiting.size(); }

    /** {@link #put} on a full queue. */
    public static class QueueOverflow extends RuntimeException {
        public QueueOverflow() { super("DeferredQueue is full"); }
    }

    /** {@link #get} with the backlog of waiting gets full. */
    public static class QueueUnderflow extends RuntimeException {
        public QueueUnderflow() { super("DeferredQueue backlog is full"); }
    }
}
