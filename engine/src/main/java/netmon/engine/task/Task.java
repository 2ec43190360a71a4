package netmon.engine.task;

import java.util.function.Supplier;
import netmon.engine.defer.Deferred;
import netmon.engine.reactor.DelayedCall;
import netmon.engine.reactor.ReactorTime;

/** Twisted's module-level {@code task} functions. */
public final class Task {
    private Task() {}

    /**
     * A Deferred that fires with {@code f}'s result (null if {@code f} is null) after {@code delay}
     * seconds; {@code f} may return a Deferred or throw. Cancelling it cancels the delayed call, fails
     * with CancelledError, and {@code f} is never called. Reactor thread only.
     */
    public static <T> Deferred<T> deferLater(ReactorTime clock, double delay, Supplier<? extends T> f) {
        DelayedCall[] call = new DelayedCall[1];
        Deferred<T> d = new Deferred<>("deferLater " + delay + "s", x -> call[0].cancel());
        d.addCallback("deferLater call", ignored -> f == null ? null : f.get());
        call[0] = clock.callLater(delay, () -> d.callback(null));
        return d;
    }

    /** {@link #deferLater(ReactorTime, double, Supplier)} with no function: fires with null. */
    public static Deferred<Void> deferLater(ReactorTime clock, double delay) {
        return deferLater(clock, delay, null);
    }
}
