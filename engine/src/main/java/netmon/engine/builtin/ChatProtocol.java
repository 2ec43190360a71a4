package netmon.engine.builtin;

import java.nio.charset.StandardCharsets;
import netmon.engine.basic.LineReceiver;
import netmon.engine.defer.Failure;

/**
 * One {@code chat} connection. Lines end with {@code "\n"}; a {@code "\r"} just before it is
 * stripped. Each line goes to every connected client, the sender included, as
 * {@code <IP:PORT> TEXT\r\n} where IP:PORT is the sender's {@code getPeer()}. Joins and leaves are
 * announced to the others as notices starting with {@code "* "}. A line over {@value #MAX_LINE} bytes
 * gets one {@code error:} line back and that connection is closed. Bytes pass through as they are:
 * text is never decoded. Reactor thread only.
 */
public class ChatProtocol extends LineReceiver {
    /** The longest line, without its line ending. */
    public static final int MAX_LINE = 16384;

    private static final byte[] TOO_LONG =
            ("error: line too long (max " + MAX_LINE + " bytes)\r\n").getBytes(StandardCharsets.US_ASCII);

    /** The {@code <IP:PORT> } prefix, ASCII, computed once per connection. */
    private byte[] prefix;

    public ChatProtocol() {
        setDelimiter(new byte[] {'\n'});
        // Room for the "\r" that is stripped, so a 16384-byte line ending in "\r\n" is accepted.
        setMaxLength(MAX_LINE + 1);
    }

    private ChatFactory chat() { return (ChatFactory) factory; }

    @Override
    public void connectionMade() {
        String who = transport.getPeer().hostPort();
        prefix = ("<" + who + "> ").getBytes(StandardCharsets.US_ASCII);
        chat().broadcast(notice(who + " joined"), this);
        chat().join(this);
    }

    @Override
    public void connectionLost(Failure reason) {
        chat().leave(this);
        chat().broadcast(notice(transport.getPeer().hostPort() + " left"), this);
    }

    @Override
    protected void lineReceived(byte[] line) {
        int len = line.length;
        if (len > 0 && line[len - 1] == '\r') len--;
        if (len > MAX_LINE) {
            tooLong();
            return;
        }
        byte[] out = new byte[prefix.length + len + 2];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(line, 0, out, prefix.length, len);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        chat().broadcast(out, null);
    }

    @Override
    protected void lineLengthExceeded(byte[] data) {
        tooLong();
    }

    private void tooLong() {
        transport.write(TOO_LONG);
        transport.loseConnection();
    }

    /** Writes {@code message} unless this connection is closing. */
    void deliver(byte[] message) {
        if (!transport.isDisconnecting()) transport.write(message);
    }

    private static byte[] notice(String text) {
        return ("* " + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
