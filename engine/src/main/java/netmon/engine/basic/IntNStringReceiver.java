package netmon.engine.basic;


/**
 * Strings framed by a big-endian unsigned length prefix of 1, 2 or 4 bytes: Twisted's
 * {@code IntNStringReceiver}. Each complete string goes to {@link #stringReceived}. A declared length
 * over {@link #getMaxLength()} calls {@link #lengthLimitExceeded} and that string is never delivered.
 * Pausing ({@link #pauseProducing()}) stops delivery mid-buffer. Reactor thread only.
 */
public abstract class IntNStringReceiver extends PausableReceiver {
    /** The default longest string, in bytes. */
    public static final int MAX_LENGTH = 99999;

    private final int prefixLength;
    private final ReceiveBuffer buffer = new ReceiveBuffer();
    private int maxLength = MAX_LENGTH;
    private boolean busyReceiving;

    IntNStringReceiver(int prefixLength) { this.prefixLength = prefixLength; }

    /** A complete string arrived. Override it; the default throws. */
    protected void stringReceived(byte[] string) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement stringReceived");
    }

    /** The peer announced a string of {@code length} bytes, over the maximum. The default drops the connection. */
    protected void lengthLimitExceeded(long length) {
        transport.loseConnection();
    }

    /**
     * Writes the length prefix and {@code string} in one write.
     *
     * @throws StringTooLongError if the prefix cannot express the length
     */
    public void sendString(byte[] string) {
        long limit = 1L << (8 * prefixLength);
        if (string.length >= limit) {
            throw new StringTooLongError("cannot send a string of " + string.length
                    + " bytes with a " + prefixLength + "-byte length prefix (limit " + (limit - 1) + ")");
        }
        byte[] out = new byte[prefixLength + string.length];
        long n = string.length;
        for (int i = prefixLength - 1; i >= 0; i--) {
            out[i] = (byte) n;
            n >>>= 8;
        }
        System.arraycopy(string, 0, out, prefixLength, string.length);
        transport.write(out);
    }

    @Override
    public void dataReceived(byte[] data) {
        buffer.append(data);
        if (busyReceiving) return;
        busyReceiving = true;
        try {
            while (buffer.size() >= prefixLength && !paused) {
                long length = 0;
                for (int i = 0; i < prefixLength; i++) length = (length << 8) | (buffer.get(i) & 0xff);
                if (length > maxLength) {
                    lengthLimitExceeded(length);
                    return;
                }
                if (buffer.size() - prefixLength < length) break;
                buffer.skip(prefixLength);
                stringReceived(buffer.take((int) length));
            }
        } finally {
            busyReceiving = false;
        }
    }

    /**
     * The bytes received but not yet delivered (Twisted's {@code recvd}); inside {@code stringReceived},
     * what follows the string being delivered.
     */
    public byte[] recvd() { return buffer.peek(buffer.size()); }

    /**
     * Replaces the undelivered bytes; parsing carries on from {@code data}. Called from
     * {@code stringReceived}, this lets a protocol consume or inject bytes (Twisted's settable {@code recvd}).
     */
    public void setRecvd(byte[] data) {
        buffer.clear();
        buffer.append(data);
    }

    /** The longest string accepted. */
    public int getMaxLength() { return maxLength; }

    public void setMaxLength(int maxLength) { this.maxLength = maxLength; }

    /** The size of the length prefix in bytes. */
    public int getPrefixLength() { return prefixLength; }
}
