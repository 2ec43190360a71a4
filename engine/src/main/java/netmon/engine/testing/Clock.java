package netmon.engine.testing;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.error.AlreadyCalled;
import netmon.engine.error.AlreadyCancelled;
import netmon.engine.reactor.DelayedCall;
import netmon.engine.reactor.ReactorTime;

/**
 * Virtual time for tests: Twisted's {@code task.Clock}. Nothing runs until {@link #advance}; then every
 * call due at or before the new time runs, in time order, equal times in scheduling order, including
 * calls scheduled during the advance that are already due. Single-threaded.
 */
public class Clock implements ReactorTime {
    private double now;
    private final List<Call> calls = new ArrayList<>();
    private long sequence;

    @Override
    public double seconds() { return now; }

    @Override
    public DelayedCall callLater(double delaySeconds, Runnable callable) {
        if (delaySeconds < 0) throw new IllegalArgumentException("delay must be >= 0, got " + delaySeconds);
        Call c = new Call(now + delaySeconds, callable);
        insert(c);
        return c;
    }

    @Override
    public List<DelayedCall> getDelayedCalls() { return new ArrayList<>(calls); }

    /** Moves time forward by {@code amount} seconds and runs what is due. */
    public void advance(double amount) {
        now += amount;
        while (!calls.isEmpty() && calls.get(0).time <= now) {
            Call c = calls.remove(0);
            c.called = true;
            c.callable.run();
        }
    }

    /** Advances by each amount in turn. */
    public void pump(double... timings) {
        for (double t : timings) advance(t);
    }

    private void insert(Call c) {
        c.seq = sequence++;
        int i = 0;
        while (i < calls.size() && calls.get(i).time <= c.time) i++;
        calls.add(i, c);
    }

    private final class Call implements DelayedCall {
        double time;
        long seq;
        final Runnable callable;
        boolean called, cancelled;

        Call(double time, Runnable callable) {
            this.time = time;
            this.callable = callable;
        }

        private void check() {
            if (cancelled) throw new AlreadyCancelled();
            if (called) throw new AlreadyCalled();
        }

        @Override public double getTime() { return time; }

        @Override public void cancel() {
            check();
            cancelled = true;
            calls.remove(this);
        }

        @Override public void reset(double secondsFromNow) {
            check();
            calls.remove(this);
            time = now + secondsFromNow;
            insert(this);
        }

        @Override public void delay(double secondsLater) {
            check();
            calls.remove(this);
            time += secondsLater;
            insert(this);
        }

        @Override public boolean active() { return !called && !cancelled; }

        @Override public String toString() { return "DelayedCall(time=" + time + ", " + (active() ? "active" : called ? "called" : "cancelled") + ")"; }
    }
}
