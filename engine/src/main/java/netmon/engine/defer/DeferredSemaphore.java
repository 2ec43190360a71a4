package netmon.engine.defer;

/** A semaphore of {@code tokens} for code on the reactor thread, waiters served FIFO: Twisted's {@code DeferredSemaphore}. */
public final class DeferredSemaphore extends ConcurrencyPrimitive<DeferredSemaphore> {
    private final int limit;
    private int tokens;

    /** A semaphore with {@code tokens >= 1} tokens (IllegalArgumentException otherwise). */
    public DeferredSemaphore(int tokens) {
        if (tokens < 1) throw new IllegalArgumentException("DeferredSemaphore requires tokens >= 1, got " + tokens);
        this.limit = tokens;
        this.tokens = tokens;
    }

    /** The tokens free now. */
    public int tokens() { return tokens; }

    /** The number of tokens it was created with. */
    public int limit() { return limit; }

    /** A Deferred that fires with this semaphore once a token is taken. Cancelling it while waiting leaves the queue. */
    public Deferred<DeferredSemaphore> acquire() {
        Deferred<DeferredSemaphore> d = new Deferred<>("DeferredSemaphore.acquire", this::cancelAcquire);
        if (tokens <= 0) {
            waiting.add(d);
        } else {
            tokens--;
            d.callback(this);
        }
        return d;
    }

    /** Gives a token back, handing it to the first waiter. Over-releasing is an IllegalStateException. */
    public void release() {
        if (tokens >= limit) throw new IllegalStateException("semaphore released too many times");
        tokens++;
        if (!waiting.isEmpty()) {
            tokens--;
            waiting.removeFirst().callback(this);
        }
    }
}
