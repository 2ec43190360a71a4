package netmon.engine.error;

/** A {@code DelayedCall} was cancelled, reset or delayed after it already ran. */
public class AlreadyCalled extends IllegalStateException {
    public AlreadyCalled() { super("Tried to cancel an already-called event."); }
}
