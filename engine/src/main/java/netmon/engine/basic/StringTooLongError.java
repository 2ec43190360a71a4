package netmon.engine.basic;

/** {@code sendString} was given a string longer than the length prefix can express. */
public class StringTooLongError extends IllegalArgumentException {
    public StringTooLongError(String message) { super(message); }
}
