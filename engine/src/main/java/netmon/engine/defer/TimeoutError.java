package netmon.engine.defer;

/** A Deferred given {@link Deferred#addTimeout} did not fire in time and was cancelled: Twisted's {@code defer.TimeoutError}. */
public class TimeoutError extends RuntimeException {
    private final double timeout;

    public TimeoutError(double timeout, String what) {
        super(what + " timed out after " + timeout + " seconds");
        this.timeout = timeout;
    }

    /** The timeout, in seconds. */
    public double timeout() { return timeout; }
}
