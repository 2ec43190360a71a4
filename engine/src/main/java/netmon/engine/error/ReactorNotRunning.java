package netmon.engine.error;

/** {@code stop()} was called on a reactor that is not running. */
public class ReactorNotRunning extends IllegalStateException {
    public ReactorNotRunning() { super("Can't stop reactor that isn't running."); }
}
