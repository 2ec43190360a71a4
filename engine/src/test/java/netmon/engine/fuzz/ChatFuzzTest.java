package netmon.engine.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import netmon.engine.builtin.ChatFactory;
import netmon.engine.builtin.ChatProtocol;
import netmon.engine.protocol.Address;
import netmon.engine.testing.StringTransportWithDisconnection;

/**
 * Fuzzes the chat service over in-memory transports: up to four clients send arbitrary bytes in
 * arbitrary pieces (now and then a huge run, to cross the line limit) and disconnect; nothing throws,
 * and each client receives exactly what a simple model says: every complete line of every client, as
 * {@code <IP:PORT> TEXT\r\n}, while it is connected, an error line when its own line is too long, and a
 * notice when another client leaves.
 */
class ChatFuzzTest {
    private static final byte[] TOO_LONG = ("error: line too long (max " + ChatProtocol.MAX_LINE + " bytes)\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** The reference model: what each client should have been sent. */
    private static final class Model {
        final Address[] peers;
        final boolean[] open;
        final ByteArrayOutputStream[] pending;
        final ByteArrayOutputStream[] expected;

        Model(Address[] peers) {
            int n = peers.length;
            this.peers = peers;
            open = new boolean[n];
            Arrays.fill(open, true);
            pending = new ByteArrayOutputStream[n];
            expected = new ByteArrayOutputStream[n];
            for (int i = 0; i < n; i++) {
                pending[i] = new ByteArrayOutputStream();
                expected[i] = new ByteArrayOutputStream();
            }
        }

        void received(int who, byte[] chunk) {
            pending[who].write(chunk, 0, chunk.length);
            while (open[who]) {
                byte[] buf = pending[who].toByteArray();
                int nl = indexOf(buf, (byte) '\n');
                if (nl < 0) {
                    // LineReceiver gives up on a buffer that can no longer hold a short enough line.
                    if (buf.length >= ChatProtocol.MAX_LINE + 2) tooLong(who);
                    return;
                }
                pending[who].reset();
                pending[who].write(buf, nl + 1, buf.length - nl - 1);
                int len = nl;
                if (len > ChatProtocol.MAX_LINE + 1) {
                    tooLong(who);
                    return;
                }
                if (len > 0 && buf[len - 1] == '\r') len--;
                if (len > ChatProtocol.MAX_LINE) {
                    tooLong(who);
                    return;
                }
                byte[] prefix = ("<" + peers[who].hostPort() + "> ").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < peers.length; i++) {
                    if (!open[i]) continue;
                    expected[i].write(prefix, 0, prefix.length);
                    expected[i].write(buf, 0, len);
                    expected[i].write('\r');
                    expected[i].write('\n');
                }
            }
        }

        void tooLong(int who) {
            expected[who].write(TOO_LONG, 0, TOO_LONG.length);
            left(who);
        }

        void left(int who) {
            open[who] = false;
            byte[] notice = ("* " + peers[who].hostPort() + " left\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < peers.length; i++) if (open[i]) expected[i].write(notice, 0, notice.length);
        }

        private static int indexOf(byte[] b, byte x) {
            for (int i = 0; i < b.length; i++) if (b[i] == x) return i;
            return -1;
        }
    }

    @FuzzTest(maxDuration = "5m")
    void everyLineReachesEveryConnectedClientAndNothingThrows(FuzzedDataProvider data) {
        int n = data.consumeInt(1, 4);
        ChatFactory factory = new ChatFactory();
        Address[] peers = new Address[n];
        StringTransportWithDisconnection[] transports = new StringTransportWithDisconnection[n];
        ChatProtocol[] clients = new ChatProtocol[n];
        for (int i = 0; i < n; i++) {
            peers[i] = new Address("TCP", "10.0.0." + (i + 1), 40000 + i);
            transports[i] = new StringTransportWithDisconnection(new Address("TCP", "127.0.0.1", 7001), peers[i]);
            clients[i] = (ChatProtocol) factory.buildProtocol(peers[i]);
            transports[i].connect(clients[i]);
        }
        for (StringTransportWithDisconnection t : transports) t.clear(); // the join notices
        Model model = new Model(peers);
        while (data.remainingBytes() > 0) {
            int who = data.consumeInt(0, n - 1);
            int kind = data.consumeInt(0, 15);
            if (kind == 0) {
                if (model.open[who]) {
                    transports[who].loseConnection();
                    model.left(who);
                }
                continue;
            }
            byte[] chunk;
            if (kind == 1) {
                chunk = new byte[data.consumeInt(0, 20_000)];
                Arrays.fill(chunk, data.consumeByte());
            } else {
                chunk = data.consumeBytes(data.consumeInt(0, 64));
            }
            // A closed transport delivers nothing more.
            if (!model.open[who]) continue;
            clients[who].dataReceived(chunk);
            model.received(who, chunk);
        }
        for (int i = 0; i < n; i++) {
            byte[] got = transports[i].value();
            byte[] want = model.expected[i].toByteArray();
            if (!Arrays.equals(got, want)) {
                throw new AssertionError("client " + i + " was sent\n  " + HexFormat.of().formatHex(got)
                        + "\nexpected\n  " + HexFormat.of().formatHex(want));
            }
            if (transports[i].isConnected() != model.open[i]) throw new AssertionError("client " + i + " connected state");
        }
        int connected = 0;
        for (boolean o : model.open) if (o) connected++;
        if (factory.clients().size() != connected) throw new AssertionError("factory lists " + factory.clients().size() + " clients, " + connected + " connected");
    }
}
