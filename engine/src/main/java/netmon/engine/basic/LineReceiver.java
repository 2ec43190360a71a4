package netmon.engine.basic;

import java.util.Arrays;

/**
 * A protocol that splits the byte stream into lines: Twisted's {@code LineReceiver}. Lines end with
 * {@link #getDelimiter() the delimiter} ({@code "\r\n"} by default) and are delivered to
 * {@link #lineReceived} without it. It can switch to raw mode ({@link #setRawMode()}), where bytes go to
 * {@link #rawDataReceived} as they come, and back ({@link #setLineMode(byte[])}).
 *
 * <p>Delivery stops as soon as the transport is disconnecting or this receiver is paused
 * ({@link #pauseProducing()}); the remaining bytes stay buffered. Unlike Twisted, which checks after
 * each line, a {@code dataReceived} arriving after a disconnect request delivers nothing either. A
 * {@code dataReceived} call made from inside {@code lineReceived} only appends to the buffer. A line
 * longer than {@link #getMaxLength()} goes to {@link #lineLengthExceeded} instead; if that does not drop
 * the connection, parsing carries on with whatever it put back (e.g. with {@code setLineMode(extra)}),
 * where Twisted would wait for the next {@code dataReceived}.
 *
 * <p>Bytes arriving a few at a time are searched once each: the receiver remembers where the last
 * delimiter search stopped. All methods run on the reactor thread.
 */
public abstract class LineReceiver extends PausableReceiver {
    /** The default longest line, in bytes, without its delimiter. */
    public static final int MAX_LENGTH = 16384;

    private static final byte[] CRLF = {'\r', '\n'};

    private final ReceiveBuffer buffer = new ReceiveBuffer();
    private byte[] delimiter = CRLF;
    private int maxLength = MAX_LENGTH;
    private boolean lineMode = true;
    private boolean busyReceiving;
    /** Relative offset in {@link #buffer} before which no delimiter starts. */
    private int searchFrom;

    /** A complete line arrived, without its delimiter. Override it; the default throws. */
    protected void lineReceived(byte[] line) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement lineReceived");
    }

    /** Bytes arrived in raw mode. Override it if you use raw mode; the default throws. */
    protected void rawDataReceived(byte[] data) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement rawDataReceived");
    }

    /**
     * A line longer than the maximum, or a buffer that can no longer end in a short enough line.
     * {@code data} is the long line, its delimiter and whatever followed, or the whole buffer; the
     * buffer is empty when this is called. The default drops the connection.
     */
    protected void lineLengthExceeded(byte[] data) {
        transport.loseConnection();
    }

    /** Writes {@code line} followed by the delimiter, in one write. */
    public void sendLine(byte[] line) {
        byte[] out = Arrays.copyOf(line, line.length + delimiter.length);
        System.arraycopy(delimiter, 0, out, line.length, delimiter.length);
        transport.write(out);
    }

    @Override
    public void dataReceived(byte[] data) {
        buffer.append(data);
        if (busyReceiving) return;
        busyReceiving = true;
        try {
            deliver();
        } finally {
            busyReceiving = false;
        }
    }

    private void deliver() {
        // A loop, not recursion: mode switches from the callbacks only flip a flag.
        while (!buffer.isEmpty() && !paused && !disconnecting()) {
            if (lineMode) {
                byte[] delim = delimiter;
                int at = buffer.indexOf(delim, searchFrom);
                if (at < 0) {
                    int size = buffer.size();
                    if (size >= maxLength + delim.length) {
                        searchFrom = 0;
                        lineLengthExceeded(buffer.takeAll());
                        continue;
                    }
                    searchFrom = Math.max(0, size - delim.length + 1);
                    return;
                }
                searchFrom = 0;
                if (at > maxLength) {
                    lineLengthExceeded(buffer.takeAll());
                    continue;
                }
                byte[] line = buffer.take(at);
                buffer.skip(delim.length);
                lineReceived(line);
            } else {
                byte[] raw = buffer.takeAll();
                searchFrom = 0;
                rawDataReceived(raw);
            }
        }
    }

    private boolean disconnecting() {
        return transport != null && transport.isDisconnecting();
    }

    /** Switches to line mode and parses {@code extra} (may be null or empty) as received data. */
    public void setLineMode(byte[] extra) {
        lineMode = true;
        searchFrom = 0;
        if (extra != null && extra.length > 0) dataReceived(extra);
    }

    /** Switches to line mode. */
    public void setLineMode() { setLineMode(null); }

    /** Switches to raw mode: the rest of the buffer and later data go to {@link #rawDataReceived}. */
    public void setRawMode() { lineMode = false; }

    /** True in line mode. */
    public boolean isLineMode() { return lineMode; }

    /** Discards and returns the bytes not yet delivered. */
    public byte[] clearLineBuffer() {
        searchFrom = 0;
        return buffer.takeAll();
    }

    /** The line delimiter; {@code "\r\n"} by default. */
    public byte[] getDelimiter() { return delimiter.clone(); }

    /** Sets the line delimiter (non-empty). */
    public void setDelimiter(byte[] delimiter) {
        if (delimiter.length == 0) throw new IllegalArgumentException("empty delimiter");
        this.delimiter = delimiter.clone();
        searchFrom = 0;
    }

    /** The longest line accepted, without its delimiter. */
    public int getMaxLength() { return maxLength; }

    public void setMaxLength(int maxLength) {
        if (maxLength < 0) throw new IllegalArgumentException("negative max length");
        this.maxLength = maxLength;
    }
}
