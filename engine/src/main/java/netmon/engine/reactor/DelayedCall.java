package netmon.engine.reactor;

/**
 * A call scheduled with {@link ReactorTime#callLater}: Twisted's {@code IDelayedCall}. Reactor thread.
 * After it ran, {@link #cancel}, {@link #reset} and {@link #delay} throw {@code AlreadyCalled}; after it
 * was cancelled they throw {@code AlreadyCancelled}.
 */
public interface DelayedCall {
    /** The absolute time, in {@link ReactorTime#seconds()}, at which it runs. */
    double getTime();

    /** Prevents it from running. */
    void cancel();

    /** Runs it {@code secondsFromNow} from now instead. */
    void reset(double secondsFromNow);

    /** Postpones it by {@code secondsLater}. */
    void delay(double secondsLater);

    /** True until it has run or been cancelled. */
    boolean active();
}
