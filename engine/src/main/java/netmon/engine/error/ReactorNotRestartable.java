package netmon.engine.error;

/** {@code run()} was called on a reactor that has already stopped: reactors run once. */
public class ReactorNotRestartable extends IllegalStateException {
    public ReactorNotRestartable() { super("Reactor is not restartable."); }
}
