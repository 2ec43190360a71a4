package netmon.engine.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import netmon.engine.basic.LineOnlyReceiver;
import netmon.engine.endpoints.EndpointParseException;
import netmon.engine.endpoints.Endpoints;
import org.junit.jupiter.api.Test;

/**
 * What fuzzing found, pinned as plain tests (the crashing inputs also sit in the committed corpus, so the
 * fuzz tests replay them in regression mode).
 */
class FuzzFindingsTest {

    @Test
    void descriptionWithOnlyKeywordArgumentsIsAParseErrorNotAnIndexError() {
        // Found by EndpointParserFuzzTest: "\u0001=" tokenizes to no positional argument at all.
        for (String d : new String[] {"port=80", "\u0001=", "=", "a=b:c=d"}) {
            EndpointParseException e = assertThrows(EndpointParseException.class, () -> Endpoints.parseServer(d), d);
            assertTrue(e.getMessage().contains("missing endpoint type"), e.getMessage());
            assertThrows(EndpointParseException.class, () -> Endpoints.parseClient(d), d);
        }
    }

    /** Records lines and the length verdict. */
    static final class Lines extends LineOnlyReceiver {
        final List<String> lines = new ArrayList<>();
        boolean exceeded;

        @Override protected void lineReceived(byte[] line) { lines.add(new String(line, StandardCharsets.US_ASCII)); }

        @Override protected void lineLengthExceeded(byte[] line) { exceeded = true; }
    }

    private static Lines feed(int max, String... chunks) {
        Lines r = new Lines();
        r.setMaxLength(max);
        new netmon.engine.testing.StringTransport().connect(r);
        for (String c : chunks) r.dataReceived(c.getBytes(StandardCharsets.US_ASCII));
        return r;
    }

    @Test
    void lineOnlyReceiverDoesNotCountAPartialDelimiterAgainstTheLimit() {
        // Found by LineReceiverFuzzTest: "abc\r" then "\n" with a maximum of 3 was refused when cut
        // after the "\r", accepted when whole.
        Lines cut = feed(3, "abc\r", "\n");
        assertEquals(List.of("abc"), cut.lines);
        assertFalse(cut.exceeded);
        Lines whole = feed(3, "abc\r\n");
        assertEquals(cut.lines, whole.lines);
        // Still refused as soon as no delimiter could end a short enough line...
        assertTrue(feed(3, "abcde").exceeded);
        assertFalse(feed(3, "abcd").exceeded);
        // ...and a complete line over the maximum is refused whatever the cut.
        assertTrue(feed(3, "abcd", "\r\n").exceeded);
    }
}
