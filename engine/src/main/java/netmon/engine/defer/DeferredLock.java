package netmon.engine.defer;

/**
 * A lock for code on the reactor thread: {@link #acquire()} returns a Deferred that fires with the lock
 * once it is free, waiters served FIFO. Twisted's {@code DeferredLock}.
 */
public final class DeferredLock extends ConcurrencyPrimitive<DeferredLock> {
    private boolean locked;

    /** True while someone holds the lock. */
    public boolean isLocked() { return locked; }

    /** A Deferred that fires with this lock once it is held by the caller. Cancelling it while waiting leaves the queue. */
    public Deferred<DeferredLock> acquire() {
        Deferred<DeferredLock> d = new Deferred<>("DeferredLock.acquire", this::cancelAcquire);
        if (locked) {
            waiting.add(d);
        } else {
            locked = true;
            d.callback(this);
        }
        return d;
    }

    /** Releases the lock, handing it to the first waiter. Releasing an unlocked lock is an IllegalStateException. */
    public void release() {
        if (!locked) throw new IllegalStateException("tried to release an unlocked lock");
        locked = false;
        if (!waiting.isEmpty()) {
            locked = true;
            waiting.removeFirst().callback(this);
        }
    }
}
