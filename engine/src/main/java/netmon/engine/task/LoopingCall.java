package netmon.engine.task;

import java.util.function.LongFunction;
import java.util.function.Supplier;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.reactor.DelayedCall;
import netmon.engine.reactor.ReactorTime;

/**
 * Calls a function every {@code interval} seconds: Twisted's {@code task.LoopingCall}. Calls land on
 * interval boundaries counted from the start; boundaries missed because the function or the reactor
 * overran are skipped, not bunched. If the function returns a Deferred, the next call waits for it.
 * Works with any {@link ReactorTime} (the reactor, or {@code Clock} in tests); reactor thread only.
 */
public final class LoopingCall {
    private final ReactorTime clock;
    private final Supplier<?> f;
    private DelayedCall call;
    private boolean running;
    private Deferred<LoopingCall> deferred;
    private double interval = Double.NaN;
    private double starttime;
    private boolean runAtStart;
    private Double realLastTime; // withCount only

    /** A LoopingCall of {@code f} (which may return a Deferred or a Failure, or throw) on {@code clock}. */
    public LoopingCall(ReactorTime clock, Supplier<?> f) {
        this.clock = clock;
        this.f = f;
    }

    /** A LoopingCall of {@code f}. */
    public LoopingCall(ReactorTime clock, Runnable f) {
        this(clock, () -> {
            f.run();
            return null;
        });
    }

    private LoopingCall(ReactorTime clock, LongFunction<?> countCallable) {
        this.clock = clock;
        this.f = () -> count(countCallable);
    }

    /**
     * A LoopingCall that passes {@code f} the number of intervals that elapsed since its last call: 1
     * normally, more after skipped intervals, always 1 with interval 0.
     */
    public static LoopingCall withCount(ReactorTime clock, LongFunction<?> f) {
        return new LoopingCall(clock, f);
    }

    private Object count(LongFunction<?> countCallable) {
        double now = clock.seconds();
        if (interval == 0) {
            realLastTime = now;
            return countCallable.apply(1);
        }
        double lastTime;
        if (realLastTime == null) {
            lastTime = starttime;
            if (runAtStart) lastTime -= interval;
        } else {
            lastTime = realLastTime;
        }
        long count = intervalOf(now) - intervalOf(lastTime);
        if (count > 0) {
            realLastTime = now;
            return countCallable.apply(count);
        }
        return null;
    }

    private long intervalOf(double t) {
        return (long) ((t - starttime) / interval);
    }

    /** True between {@link #start} and {@link #stop} (or a failure). */
    public boolean isRunning() { return running; }

    /** The interval given to {@link #start}, NaN before. */
    public double interval() { return interval; }

    /** {@code start(interval, true)}. */
    public Deferred<LoopingCall> start(double interval) { return start(interval, true); }

    /**
     * Starts calling every {@code interval} seconds (0: as fast as possible, one {@code callLater(0)} per
     * call), the first call now if {@code now}, else after one interval. The Deferred fires with this
     * LoopingCall when stopped, or fails with the function's failure; either way it is no longer running.
     *
     * @throws IllegalStateException if already running
     * @throws IllegalArgumentException if {@code interval < 0}
     */
    public Deferred<LoopingCall> start(double interval, boolean now) {
        if (running) throw new IllegalStateException("Tried to start an already running LoopingCall");
        if (interval < 0) throw new IllegalArgumentException("interval must be >= 0, got " + interval);
        running = true;
        Deferred<LoopingCall> d = deferred = new Deferred<>("LoopingCall every " + interval + "s");
        starttime = clock.seconds();
        this.interval = interval;
        runAtStart = now;
        if (now) callNow();
        else scheduleFrom(starttime);
        return d;
    }

    /** Stops it; the Deferred from {@link #start} fires (at once, or when a pending call's Deferred fires). */
    public void stop() {
        if (!running) throw new IllegalStateException("Tried to stop a LoopingCall that was not running");
        running = false;
        if (call != null) {
            call.cancel();
            call = null;
            Deferred<LoopingCall> d = deferred;
            deferred = null;
            d.callback(this);
        }
    }

    /** Restarts the interval from now (if a call is scheduled). */
    public void reset() {
        if (!running) throw new IllegalStateException("Tried to reset a LoopingCall that was not running");
        if (call != null) {
            call.cancel();
            call = null;
            starttime = clock.seconds();
            scheduleFrom(starttime);
        }
    }

    private void callNow() {
        call = null;
        Deferred<Object> d = Deferred.maybeDeferred(f);
        d.addCallback("LoopingCall reschedule", r -> {
            if (running) {
                scheduleFrom(clock.seconds());
            } else {
                Deferred<LoopingCall> done = deferred;
                deferred = null;
                done.callback(this);
            }
            return null;
        });
        d.addErrback("LoopingCall failed", (Failure failure) -> {
            running = false;
            Deferred<LoopingCall> done = deferred;
            deferred = null;
            done.errback(failure);
            return null;
        });
    }

    private void scheduleFrom(double when) {
        call = clock.callLater(howLong(when), this::callNow);
    }

    private double howLong(double when) {
        if (interval == 0) return 0;
        double runningFor = when - starttime;
        double untilNextInterval = interval - (runningFor % interval);
        // Float rounding can make the next boundary indistinguishable from now: wait a whole interval.
        if (when == when + untilNextInterval) return interval;
        return untilNextInterval;
    }

    @Override
    public String toString() {
        return "LoopingCall(" + f + ", interval=" + interval + (running ? ", running" : "") + ")";
    }
}
