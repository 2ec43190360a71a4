package netmon.engine.basic;

import java.nio.charset.StandardCharsets;
import netmon.engine.protocol.Protocol;

/**
 * Netstrings ({@code 3:abc,}): Twisted's {@code NetstringReceiver}. The length is decimal without
 * leading zeros and at most {@link #getMaxLength()}. Anything else (a missing number, colon or comma,
 * a stray byte, an over-long length) is a {@link NetstringParseError}: the connection is dropped,
 * {@link #isBrokenPeer()} becomes true and later bytes are ignored. Reactor thread only.
 */
public abstract class NetstringReceiver extends Protocol {
    /** The default longest string, in bytes. */
    public static final int MAX_LENGTH = 99999;

    private final ReceiveBuffer buffer = new ReceiveBuffer();
    private int maxLength = MAX_LENGTH;
    /** -1 while reading the length, else the payload length being awaited. */
    private long expected = -1;
    private int digitsSeen;
    private boolean brokenPeer;

    /** A complete netstring's payload arrived. Override it; the default throws. */
    protected void stringReceived(byte[] string) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement stringReceived");
    }

    /** Writes {@code string} as one netstring. */
    public void sendString(byte[] string) {
        byte[] head = (string.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + string.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(string, 0, out, head.length, string.length);
        out[out.length - 1] = ',';
        transport.write(out);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (brokenPeer) return;
        buffer.append(data);
        try {
            while (!brokenPeer && consumeOne()) {
                // each turn delivers one netstring
            }
        } catch (NetstringParseError e) {
            brokenPeer = true;
            buffer.clear();
            handleParseError(e);
        }
    }

    /** The peer sent garbage. The default drops the connection. */
    protected void handleParseError(NetstringParseError error) {
        transport.loseConnection();
    }

    /** Delivers one netstring if the buffer holds it; false when more bytes are needed. */
    private boolean consumeOne() {
        if (expected < 0) {
            int maxDigits = Integer.toString(maxLength).length();
            int size = buffer.size();
            for (; digitsSeen < size; digitsSeen++) {
                byte b = buffer.get(digitsSeen);
                if (b == ':') break;
                if (b < '0' || b > '9') throw new NetstringParseError("invalid length byte " + (b & 0xff));
                if (digitsSeen == 1 && buffer.get(0) == '0') throw new NetstringParseError("leading zero in length");
                if (digitsSeen >= maxDigits) throw new NetstringParseError("length too long");
            }
            if (digitsSeen == size) return false;
            if (digitsSeen == 0) throw new NetstringParseError("missing length");
            long len = 0;
            for (int i = 0; i < digitsSeen; i++) len = len * 10 + (buffer.get(i) - '0');
            if (len > maxLength) throw new NetstringParseError("length " + len + " over maximum " + maxLength);
            buffer.skip(digitsSeen + 1);
            digitsSeen = 0;
            expected = len;
        }
        if (buffer.size() < expected + 1) return false;
        if (buffer.get((int) expected) != ',') throw new NetstringParseError("missing comma");
        byte[] payload = buffer.take((int) expected);
        buffer.skip(1);
        expected = -1;
        stringReceived(payload);
        return true;
    }

    /** True after a parse error; later bytes are ignored. */
    public boolean isBrokenPeer() { return brokenPeer; }

    /** The longest payload accepted. */
    public int getMaxLength() { return maxLength; }

    public void setMaxLength(int maxLength) { this.maxLength = maxLength; }
}
