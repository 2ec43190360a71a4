package netmon.engine.reactor;

import java.util.List;

/**
 * Scheduling by time: Twisted's {@code IReactorTime}. Implemented by the real reactor and by the
 * virtual {@code netmon.engine.testing.Clock}, so time-based code (LoopingCall, addTimeout,
 * deferLater) is tested without waiting. Reactor thread only.
 */
public interface ReactorTime {
    /** The current time in seconds; monotonic in the real reactor. */
    double seconds();

    /**
     * Runs {@code callable} after {@code delaySeconds} (>= 0; negative is an IllegalArgumentException).
     * Each call returns a fresh {@link DelayedCall}.
     */
    DelayedCall callLater(double delaySeconds, Runnable callable);

    /** The calls not yet run or cancelled. */
    List<DelayedCall> getDelayedCalls();
}
