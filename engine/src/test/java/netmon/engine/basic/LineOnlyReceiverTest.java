package netmon.engine.basic;

import static netmon.engine.basic.LineReceiverTest.b;
import static netmon.engine.basic.LineReceiverTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.testing.Chunking;
import netmon.engine.testing.StringTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Twisted's {@code LineOnlyReceiverTests} (TWISTED-SEMANTICS item 105). */
@Timeout(10)
class LineOnlyReceiverTest {

    static final class LineOnlyTester extends LineOnlyReceiver {
        final List<String> received = new ArrayList<>();

        LineOnlyTester() {
            setDelimiter(b("\n"));
            setMaxLength(64);
        }

        @Override
        protected void lineReceived(byte[] line) {
            received.add(s(line));
            if (s(line).equals("quit")) transport.loseConnection();
        }
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void anyChunkingGivesTheSameLines(Chunking chunking) {
        LineOnlyTester t = new StringTransport().connect(new LineOnlyTester());
        chunking.feed(b("foo\n    bleakness\n    desolation\n    plastic forks\n"), t::dataReceived);
        assertEquals(List.of("foo", "    bleakness", "    desolation", "    plastic forks"), t.received);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void lineLongerThanMaximumDropsTheConnection(Chunking chunking) {
        LineOnlyTester t = new StringTransport().connect(new LineOnlyTester());
        chunking.feed(b("ok\n" + "x".repeat(66) + "\n"), t::dataReceived);
        assertTrue(t.getTransport().isDisconnecting());
        assertEquals(List.of("ok"), t.received);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void lineOfExactlyMaximumIsAccepted(Chunking chunking) {
        LineOnlyTester t = new StringTransport().connect(new LineOnlyTester());
        chunking.feed(b("x".repeat(64) + "\n"), t::dataReceived);
        assertFalse(t.getTransport().isDisconnecting());
        assertEquals(List.of("x".repeat(64)), t.received);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void unfinishedBufferLongerThanMaximumDropsTheConnection(Chunking chunking) {
        LineOnlyTester t = new StringTransport().connect(new LineOnlyTester());
        chunking.feed(b("y".repeat(65)), t::dataReceived);
        assertTrue(t.getTransport().isDisconnecting());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void deliveryStopsOnceDisconnecting(Chunking chunking) {
        LineOnlyTester t = new StringTransport().connect(new LineOnlyTester());
        chunking.feed(b("a\nquit\nb\nc\n"), t::dataReceived);
        assertEquals(List.of("a", "quit"), t.received);
    }

    @Test
    void sendLineWritesLineAndDelimiter() {
        StringTransport tr = new StringTransport();
        LineOnlyTester t = tr.connect(new LineOnlyTester());
        t.sendLine(b("hello"));
        assertEquals("hello\n", tr.valueString());
    }

    @Test
    void missingLineReceivedThrowsUnsupported() {
        LineOnlyReceiver bare = new StringTransport().connect(new LineOnlyReceiver() {});
        assertThrows(UnsupportedOperationException.class, () -> bare.dataReceived(b("x\r\n")));
    }
}
