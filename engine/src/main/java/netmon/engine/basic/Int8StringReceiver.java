package netmon.engine.basic;

/** Strings framed by a 1-byte big-endian unsigned length: Twisted's {@code Int8StringReceiver}. */
public abstract class Int8StringReceiver extends IntNStringReceiver {
    protected Int8StringReceiver() { super(1); }
}
