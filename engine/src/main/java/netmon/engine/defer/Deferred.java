package netmon.engine.defer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A result that is not there yet, and the chain of callbacks and errbacks that will process it:
 * Twisted's {@code Deferred}. Not thread-safe: create, fire and add callbacks on one thread (the
 * reactor thread); callbacks run synchronously on the thread that fires it.
 *
 * <p>A callback may return a plain value (passed to the next callback), a {@link Failure} or throw
 * (the chain switches to the errback path), or another Deferred (the chain pauses until that one
 * fires, then goes on with its result). An errback that returns a non-Failure value recovers.
 *
 * <p>MINIMAL VERSION (issue 2): firing, the chain, nesting, cancel. Issue 3 completes it.
 */
public class Deferred<T> {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final List<Function<Object, Object>[]> chain = new ArrayList<>();
    private int next;
    private boolean called;
    private Object result;
    private int paused;
    private boolean running;
    private boolean suppressAlreadyCalled;
    private Consumer<? super Deferred<T>> canceller;
    private String label = "Deferred";

    public Deferred() {}

    /** A Deferred whose {@link #cancel()} calls {@code canceller} first. */
    public Deferred(Consumer<? super Deferred<T>> canceller) { this.canceller = canceller; }

    /** An already-fired Deferred with {@code value}. */
    public static <T> Deferred<T> succeed(T value) {
        Deferred<T> d = new Deferred<>();
        d.callback(value);
        return d;
    }

    /** An already-failed Deferred. */
    public static <T> Deferred<T> fail(Throwable error) {
        Deferred<T> d = new Deferred<>();
        d.errback(error);
        return d;
    }

    /** An already-failed Deferred. */
    public static <T> Deferred<T> fail(Failure failure) {
        Deferred<T> d = new Deferred<>();
        d.errback(failure);
        return d;
    }

    public long id() { return id; }
    public String label() { return label; }

    /** Names this Deferred for the monitor, e.g. {@code endpoint listen tcp:7000}. */
    public Deferred<T> setLabel(String label) {
        this.label = label;
        return this;
    }

    public boolean isCalled() { return called; }

    /** Fires the callback path with {@code value} (a Failure value means the errback path). */
    public void callback(T value) { start(value); }

    /** Fires the errback path with {@code error} wrapped in a Failure. */
    public void errback(Throwable error) { start(Failure.of(error)); }

    /** Fires the errback path with {@code failure}. */
    public void errback(Failure failure) { start(failure); }

    private void start(Object value) {
        if (called) {
            if (suppressAlreadyCalled) {
                suppressAlreadyCalled = false;
                return;
            }
            throw new AlreadyCalledError("Deferred@" + id + " already called");
        }
        called = true;
        result = value;
        canceller = null;
        runCallbacks();
    }

    /** Adds a callback/errback pair; only one of the two runs for a given result. */
    @SuppressWarnings("unchecked")
    public Deferred<T> addCallbacks(Function<? super T, ?> callback, Function<? super Failure, ?> errback) {
        chain.add(new Function[] {(Function<Object, Object>) callback, (Function<Object, Object>) errback});
        if (called) runCallbacks();
        return this;
    }

    public Deferred<T> addCallback(Function<? super T, ?> callback) {
        return addCallbacks(callback, f -> f);
    }

    public Deferred<T> addErrback(Function<? super Failure, ?> errback) {
        return addCallbacks(v -> v, errback);
    }

    @SuppressWarnings("unchecked")
    public Deferred<T> addBoth(Function<Object, ?> fn) {
        return addCallbacks((Function<? super T, ?>) fn, fn);
    }

    /** Cancels an unfired Deferred: the canceller runs, and if it did not fire us we errback with CancelledError. */
    public void cancel() {
        if (!called) {
            Consumer<? super Deferred<T>> c = canceller;
            if (c != null) {
                c.accept(this);
            } else {
                suppressAlreadyCalled = true;
            }
            if (!called) {
                errback(new CancelledError());
                suppressAlreadyCalled = c == null;
            }
        } else if (result instanceof Deferred<?> inner) {
            inner.cancel();
        }
    }

    private void runCallbacks() {
        if (running || paused > 0) return;
        running = true;
        try {
            while (next < chain.size()) {
                Function<Object, Object>[] pair = chain.get(next++);
                Function<Object, Object> fn = result instanceof Failure ? pair[1] : pair[0];
                try {
                    result = fn.apply(result);
                } catch (Throwable t) {
                    result = Failure.of(t);
                }
                if (result == this) {
                    result = Failure.of(new IllegalStateException("Callback returned the Deferred it was attached to"));
                }
                if (result instanceof Deferred<?> inner) {
                    if (inner.called && inner.paused == 0 && !inner.running) {
                        result = inner.result;
                        inner.result = null;
                    } else {
                        paused++;
                        inner.addBoth(r -> {
                            paused--;
                            result = r;
                            runCallbacks();
                            return null;
                        });
                        return;
                    }
                }
            }
        } finally {
            running = false;
        }
    }

    @Override
    public String toString() {
        if (!called) return "Deferred@" + id + " (pending)";
        if (result instanceof Deferred<?> d) return "Deferred@" + id + " waiting on Deferred@" + d.id;
        if (result instanceof Failure f) return "Deferred@" + id + " failed: " + f.getErrorMessage();
        return "Deferred@" + id + " result=" + result;
    }
}
