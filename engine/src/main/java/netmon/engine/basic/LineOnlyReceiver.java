package netmon.engine.basic;

import java.util.List;
import netmon.engine.protocol.Protocol;

/**
 * A lighter line splitter without raw mode or pausing: Twisted's {@code LineOnlyReceiver}. Lines end
 * with the delimiter ({@code "\r\n"} by default) and go to {@link #lineReceived} without it; delivery
 * stops once the transport is disconnecting. A line longer than {@link #getMaxLength()}, or an
 * unfinished buffer that can no longer end in a short enough line (maximum plus delimiter length
 * bytes without a delimiter), goes to {@link #lineLengthExceeded}, however the bytes were split.
 * Reactor thread only.
 */
public abstract class LineOnlyReceiver extends Protocol {
    /** The default longest line, in bytes, without its delimiter. */
    public static final int MAX_LENGTH = 16384;

    private final ReceiveBuffer buffer = new ReceiveBuffer();
    private byte[] delimiter = {'\r', '\n'};
    private int maxLength = MAX_LENGTH;
    private int searchFrom;

    /** A complete line arrived, without its delimiter. Override it; the default throws. */
    protected void lineReceived(byte[] line) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement lineReceived");
    }

    /** A line, or the unfinished rest of the buffer, is too long. The default drops the connection. */
    protected void lineLengthExceeded(byte[] line) {
        transport.loseConnection();
    }

    /** Writes {@code line} and the delimiter with one {@code writeSequence}. */
    public void sendLine(byte[] line) {
        transport.writeSequence(List.of(line, delimiter.clone()));
    }

    @Override
    public void dataReceived(byte[] data) {
        buffer.append(data);
        while (true) {
            int at = buffer.indexOf(delimiter, searchFrom);
            if (at < 0) {
                searchFrom = Math.max(0, buffer.size() - delimiter.length + 1);
                break;
            }
            searchFrom = 0;
            if (transport.isDisconnecting()) return;
            byte[] line = buffer.take(at);
            buffer.skip(delimiter.length);
            if (line.length > maxLength) {
                lineLengthExceeded(line);
                return;
            }
            lineReceived(line);
        }
        // The unfinished rest may end with the start of a delimiter: it is too long only once no
        // delimiter could still end a short enough line (so the verdict does not depend on how the
        // bytes were cut; Twisted's plain "> MAX_LENGTH" does; found by LineReceiverFuzzTest).
        if (buffer.size() >= (long) maxLength + delimiter.length) {
            searchFrom = 0;
            lineLengthExceeded(buffer.takeAll());
        }
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

    public void setMaxLength(int maxLength) { this.maxLength = maxLength; }
}
