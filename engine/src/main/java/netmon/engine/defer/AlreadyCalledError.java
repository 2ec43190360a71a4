package netmon.engine.defer;

/** A Deferred was fired a second time. With debugging on, the message holds where it was created and first fired. */
public class AlreadyCalledError extends IllegalStateException {
    public AlreadyCalledError(String message) { super(message); }
}
