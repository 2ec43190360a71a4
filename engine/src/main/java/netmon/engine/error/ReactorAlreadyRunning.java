package netmon.engine.error;

/** {@code run()} was called on a reactor that is already running. */
public class ReactorAlreadyRunning extends IllegalStateException {
    public ReactorAlreadyRunning() { super("Reactor already running."); }
}
