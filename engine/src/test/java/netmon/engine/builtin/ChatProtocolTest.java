package netmon.engine.builtin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.Failure;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Protocol;
import netmon.engine.testing.Chunking;
import netmon.engine.testing.IOPump;
import netmon.engine.testing.StringTransport;
import netmon.engine.testing.StringTransportWithDisconnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chat built-in, exactly as DESIGN.md's headless contract states it. */
@Timeout(10)
class ChatProtocolTest {
    static final Address SERVER = new Address("TCP", "127.0.0.1", 7000);

    static byte[] b(String s) { return s.getBytes(UTF_8); }

    static Address peer(int port) { return new Address("TCP", "127.0.0.1", port); }

    /** A StringTransport that also remembers each array written, to check fan-out shares one array. */
    static final class RecordingTransport extends StringTransportWithDisconnection {
        final List<byte[]> arrays = new ArrayList<>();

        RecordingTransport(Address peer) { super(SERVER, peer); }

        @Override
        public void write(byte[] data) {
            arrays.add(data);
            super.write(data);
        }
    }

    final ChatFactory factory = (ChatFactory) Builtins.chatFactory();

    RecordingTransport join(int port) {
        RecordingTransport t = new RecordingTransport(peer(port));
        t.connect(factory.buildProtocol(peer(port)));
        return t;
    }

    static void send(Chunking chunking, StringTransport from, String text) {
        chunking.feed(b(text), from.protocol()::dataReceived);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void aLineGoesToEveryClientIncludingTheSenderPrefixedWithTheSendersPeer(Chunking chunking) {
        RecordingTransport a = join(5001);
        RecordingTransport b = join(5002);
        RecordingTransport c = join(5003);
        a.clear();
        b.clear();
        c.clear();
        send(chunking, b, "hello there\n");
        for (StringTransport t : List.of(a, b, c)) assertEquals("<127.0.0.1:5002> hello there\r\n", t.valueString());
        send(chunking, a, "from a\r\nsecond line\n");
        for (StringTransport t : List.of(a, b, c)) {
            assertEquals("<127.0.0.1:5002> hello there\r\n<127.0.0.1:5001> from a\r\n<127.0.0.1:5001> second line\r\n",
                    t.valueString());
        }
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void crlfAndLfEndingsGiveTheSameLineAndOnlyOneCrIsStripped(Chunking chunking) {
        RecordingTransport a = join(5001);
        RecordingTransport b = join(5002);
        b.clear();
        send(chunking, a, "lf\ncrlf\r\ntwo cr\r\r\n\n\r\nmid\rdle\n");
        assertEquals("<127.0.0.1:5001> lf\r\n<127.0.0.1:5001> crlf\r\n<127.0.0.1:5001> two cr\r\r\n"
                + "<127.0.0.1:5001> \r\n<127.0.0.1:5001> \r\n<127.0.0.1:5001> mid\rdle\r\n", b.valueString());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void utf8AndArbitraryBytesPassThroughUnchanged(Chunking chunking) {
        RecordingTransport a = join(5001);
        RecordingTransport b = join(5002);
        b.clear();
        byte[] text = b("héllo 世界 😀 ünïcödé");
        byte[] junk = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x00, (byte) 0x80};
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(text);
        in.write('\n');
        in.writeBytes(junk);
        in.write('\n');
        chunking.feed(in.toByteArray(), a.protocol()::dataReceived);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(b("<127.0.0.1:5001> "));
        expected.writeBytes(text);
        expected.writeBytes(b("\r\n<127.0.0.1:5001> "));
        expected.writeBytes(junk);
        expected.writeBytes(b("\r\n"));
        assertArrayEquals(expected.toByteArray(), b.value());
    }

    @Test
    void joinAndLeaveNoticesGoToTheOthersOnly() {
        RecordingTransport a = join(5001);
        assertEquals("", a.valueString());
        RecordingTransport b = join(5002);
        assertEquals("* 127.0.0.1:5002 joined\r\n", a.valueString());
        assertEquals("", b.valueString());
        RecordingTransport c = join(5003);
        assertEquals("* 127.0.0.1:5003 joined\r\n", b.valueString());
        a.clear();
        b.clear();
        c.loseConnection();
        assertEquals("* 127.0.0.1:5003 left\r\n", a.valueString());
        assertEquals("* 127.0.0.1:5003 left\r\n", b.valueString());
        assertEquals(2, factory.clients().size());
    }

    @Test
    void theFactoryKeepsClientsInConnectionOrder() {
        RecordingTransport a = join(5001);
        RecordingTransport b = join(5002);
        RecordingTransport c = join(5003);
        assertEquals(List.of(a.protocol(), b.protocol(), c.protocol()), factory.clients());
        b.loseConnection();
        assertEquals(List.of(a.protocol(), c.protocol()), factory.clients());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void anOverLongLineGetsAnErrorAndClosesOnlyThatClient(Chunking chunking) {
        RecordingTransport a = join(5001);
        RecordingTransport b = join(5002);
        a.clear();
        b.clear();
        send(chunking, a, "x".repeat(16385) + "\nafter\n");
        assertEquals("error: line too long (max 16384 bytes)\r\n", a.valueString());
        assertTrue(a.isDisconnecting());
        assertFalse(b.isDisconnecting());
        assertEquals("* 127.0.0.1:5001 left\r\n", b.valueString());
        b.clear();
        send(chunking, b, "still here\n");
        assertEquals("<127.0.0.1:5002> still here\r\n", b.valueString());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void aLineOfExactly16384BytesIsAcceptedWithEitherEnding(Chunking chunking) {
        RecordingTransport a = join(5001);
        String max = "y".repeat(16384);
        send(chunking, a, max + "\n" + max + "\r\n");
        assertFalse(a.isDisconnecting());
        assertEquals(("<127.0.0.1:5001> " + max + "\r\n").repeat(2), a.valueString());
    }

    @Test
    void anOverLongLineWithCrlfIsRejected() {
        RecordingTransport a = join(5001);
        send(Chunking.WHOLE, a, "z".repeat(16385) + "\r\n");
        assertEquals("error: line too long (max 16384 bytes)\r\n", a.valueString());
        assertTrue(a.isDisconnecting());
    }

    @Test
    void aClientDroppedDuringFanOutDoesNotDisturbTheOthers() {
        RecordingTransport a = join(5001);
        // A transport whose first chat line ends the connection at once, as a failing socket might.
        StringTransportWithDisconnection failing = new StringTransportWithDisconnection(SERVER, peer(5002)) {
            @Override
            public void write(byte[] data) {
                super.write(data);
                if (data.length > 0 && data[0] == '<') loseConnection();
            }
        };
        failing.connect(factory.buildProtocol(peer(5002)));
        RecordingTransport c = join(5003);
        a.clear();
        c.clear();
        a.protocol().dataReceived(b("hi\n"));
        assertEquals("<127.0.0.1:5001> hi\r\n* 127.0.0.1:5002 left\r\n", a.valueString());
        // c is after the dropped client, so the nested leave notice overtakes the line; both arrive once.
        assertEquals("* 127.0.0.1:5002 left\r\n<127.0.0.1:5001> hi\r\n", c.valueString());
        assertEquals(List.of(a.protocol(), c.protocol()), factory.clients());
    }

    @Test
    void fanOutWritesOneSharedArrayToEveryClient() {
        List<RecordingTransport> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) all.add(join(5001 + i));
        for (RecordingTransport t : all) t.arrays.clear();
        all.get(2).protocol().dataReceived(b("ping\n"));
        byte[] first = all.get(0).arrays.get(0);
        for (RecordingTransport t : all) {
            assertEquals(1, t.arrays.size());
            assertSame(first, t.arrays.get(0));
        }
        assertEquals("<127.0.0.1:5003> ping\r\n", new String(first, UTF_8));
    }

    /** A chat client for pump tests: collects what the server sends. */
    static final class Client extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean lost;

        @Override public void dataReceived(byte[] data) { received.writeBytes(data); }

        @Override public void connectionLost(Failure reason) { lost = true; }

        String text() { return received.toString(UTF_8); }
    }

    /** Pumps until every connection is quiet: one connection's line writes to the others' transports. */
    static void pumpAll(List<IOPump> pumps) {
        for (int round = 0; round < 1000; round++) {
            boolean any = false;
            for (IOPump p : pumps) any |= p.pump();
            if (!any) return;
        }
        throw new AssertionError("pumps never went quiet");
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void threeClientsOverPumpsSeeEachOthersLinesSplitAtRandomPoints(Chunking chunking) {
        List<IOPump> pumps = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Client c = new Client();
            clients.add(c);
            pumps.add(IOPump.connect(factory.buildProtocol(peer(6001 + i)), c, SERVER, peer(6001 + i))
                    .setByteAtATime(chunking == Chunking.BYTE_AT_A_TIME));
            pumpAll(pumps);
        }
        assertEquals("* 127.0.0.1:6002 joined\r\n* 127.0.0.1:6003 joined\r\n", clients.get(0).text());
        for (Client c : clients) c.received.reset();

        for (byte[] chunk : chunking.split(b("first line\r\nsecond\n"))) {
            clients.get(1).getTransport().write(chunk);
            pumpAll(pumps);
        }
        for (Client c : clients) assertEquals("<127.0.0.1:6002> first line\r\n<127.0.0.1:6002> second\r\n", c.text());

        clients.get(2).getTransport().loseConnection();
        pumpAll(pumps);
        assertTrue(pumps.get(2).isClosed());
        assertTrue(clients.get(0).text().endsWith("* 127.0.0.1:6003 left\r\n"));
        assertEquals(2, factory.clients().size());
    }
}
