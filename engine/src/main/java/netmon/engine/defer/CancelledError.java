package netmon.engine.defer;

/** The Deferred was cancelled. */
public class CancelledError extends RuntimeException {
    public CancelledError() { super("Deferred was cancelled"); }
    public CancelledError(String message) { super(message); }
}
