package netmon.engine.basic;

/** Strings framed by a 2-byte big-endian unsigned length: Twisted's {@code Int16StringReceiver}. */
public abstract class Int16StringReceiver extends IntNStringReceiver {
    protected Int16StringReceiver() { super(2); }
}
