package netmon.engine.basic;

/** Strings framed by a 4-byte big-endian unsigned length: Twisted's {@code Int32StringReceiver}. */
public abstract class Int32StringReceiver extends IntNStringReceiver {
    protected Int32StringReceiver() { super(4); }
}
