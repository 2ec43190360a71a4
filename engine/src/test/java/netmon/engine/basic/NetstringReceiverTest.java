package netmon.engine.basic;

import static netmon.engine.basic.LineReceiverTest.b;
import static netmon.engine.basic.LineReceiverTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.testing.Chunking;
import netmon.engine.testing.StringTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Twisted's {@code NetstringReceiverTests} (TWISTED-SEMANTICS item 106). */
@Timeout(10)
class NetstringReceiverTest {

    static final class Tester extends NetstringReceiver {
        final List<String> received = new ArrayList<>();

        @Override
        protected void stringReceived(byte[] string) { received.add(s(string)); }
    }

    static final List<String> STRINGS = List.of("hello", "world", "how", "are", "you123", ":today", "a".repeat(515));

    static Tester receive(Chunking chunking, String wire) {
        Tester t = new StringTransport().connect(new Tester());
        chunking.feed(b(wire), t::dataReceived);
        return t;
    }

    static void assertBroken(Tester t) {
        assertTrue(t.isBrokenPeer());
        assertTrue(t.getTransport().isDisconnecting());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void sentStringsAreReceivedWhateverTheChunking(Chunking chunking) {
        StringTransport out = new StringTransport();
        Tester sender = out.connect(new Tester());
        for (String s : STRINGS) sender.sendString(b(s));
        Tester t = receive(chunking, out.valueString());
        assertEquals(STRINGS, t.received);
        assertFalse(t.isBrokenPeer());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void emptyOneAndTwoCharacterAndNestedNetstrings(Chunking chunking) {
        Tester t = receive(chunking, "0:,1:a,2:ab,6:1:a,2:,");
        assertEquals(List.of("", "a", "ab", "1:a,2:"), t.received);
        assertFalse(t.isBrokenPeer());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void moreDataThanDeclaredIsAParseError(Chunking chunking) {
        assertBroken(receive(chunking, "2:aaa,"));
        assertBroken(receive(chunking, "0:a,"));
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void missingNumberColonOrCommaIsAParseError(Chunking chunking) {
        assertBroken(receive(chunking, ":aaa,"));
        assertBroken(receive(chunking, "3aaa,"));
        assertBroken(receive(chunking, "aaa,"));
        assertBroken(receive(chunking, "aaa"));
        assertBroken(receive(chunking, "3:abcd,"));
        assertBroken(receive(chunking, "3:abc;"));
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void leadingZerosAreAParseError(Chunking chunking) {
        assertBroken(receive(chunking, "01:a,"));
        assertBroken(receive(chunking, "00:,"));
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void lengthOverMaximumIsAParseError(Chunking chunking) {
        assertBroken(receive(chunking, "9999999999999999999999:x,"));
        assertBroken(receive(chunking, "100000:"));
        Tester t = new StringTransport().connect(new Tester());
        t.setMaxLength(50);
        chunking.feed(b("51:" + "a".repeat(51) + ","), t::dataReceived);
        assertBroken(t);
        assertEquals(List.of(), t.received);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void stringsBeforeTheErrorAreDeliveredAndNothingAfter(Chunking chunking) {
        Tester t = receive(chunking, "1:a,x1:b,");
        assertEquals(List.of("a"), t.received);
        assertBroken(t);
    }

    @Test
    void portionsAndConcatenatedNetstringsAreReassembled() {
        Tester t = new StringTransport().connect(new Tester());
        t.dataReceived(b("4:aa"));
        t.dataReceived(b("aa,"));
        for (String part : List.of("2", ":", "a", "b", ",")) t.dataReceived(b(part));
        for (String part : List.of("1", "0:01234", "56789", ",")) t.dataReceived(b(part));
        t.dataReceived(b("1:a,1"));
        t.dataReceived(b(":b,"));
        assertEquals(List.of("aaaa", "ab", "0123456789", "a", "b"), t.received);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void lengthEqualToMaximumIsAcceptedAndOneMoreIsNot(Chunking chunking) {
        Tester ok = new StringTransport().connect(new Tester());
        ok.setMaxLength(12);
        chunking.feed(b("12:" + "a".repeat(12) + ","), ok::dataReceived);
        assertEquals(List.of("a".repeat(12)), ok.received);
        Tester bad = new StringTransport().connect(new Tester());
        bad.setMaxLength(11);
        chunking.feed(b("12:"), bad::dataReceived);
        assertBroken(bad);
        Tester worse = new StringTransport().connect(new Tester());
        worse.setMaxLength(11);
        chunking.feed(b("1000:"), worse::dataReceived);
        assertBroken(worse);
    }

    @Test
    void maximumLengthIsAccepted() {
        Tester t = receive(Chunking.WHOLE, "99999:" + "q".repeat(99999) + ",");
        assertEquals(1, t.received.size());
        assertFalse(t.isBrokenPeer());
    }

    @Test
    void sendStringWritesANetstring() {
        StringTransport out = new StringTransport();
        Tester t = out.connect(new Tester());
        t.sendString(b("abc"));
        t.sendString(b(""));
        assertEquals("3:abc,0:,", out.valueString());
    }
}
