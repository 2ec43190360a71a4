package netmon.engine.defer;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/** What DeferredLock and DeferredSemaphore share: a FIFO of waiting acquires, and {@link #run}. */
public abstract sealed class ConcurrencyPrimitive<S extends ConcurrencyPrimitive<S>> permits DeferredLock, DeferredSemaphore {
    final ArrayDeque<Deferred<S>> waiting = new ArrayDeque<>();

    ConcurrencyPrimitive() {}

    /** A Deferred that fires with this primitive once acquired. */
    public abstract Deferred<S> acquire();

    /** Gives back what {@link #acquire()} took. */
    public abstract void release();

    /** How many acquires are waiting. */
    public int waitingCount() { return waiting.size(); }

    void cancelAcquire(Deferred<S> d) { waiting.remove(d); }

    /**
     * Acquires, then runs {@code f} (which may return a Deferred), and releases when it is done, even if
     * it failed. The returned Deferred has {@code f}'s outcome.
     */
    public <R> Deferred<R> run(Supplier<?> f) {
        Deferred<R> out = new Deferred<>("run");
        acquire().addCallbacks("run", self -> {
            Deferred<R> r = Deferred.maybeDeferred(f);
            r.addBoth("release", x -> {
                release();
                return x;
            });
            r.chainDeferred(out);
            return null;
        }, failure -> {
            out.errback(failure);
            return null;
        });
        return out;
    }
}
