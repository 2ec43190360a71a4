package netmon.engine.error;

/** A {@code DelayedCall} was cancelled, reset or delayed after it was already cancelled. */
public class AlreadyCancelled extends IllegalStateException {
    public AlreadyCancelled() { super("Tried to cancel an already-cancelled event."); }
}
