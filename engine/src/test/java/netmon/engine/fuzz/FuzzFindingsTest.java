package netmon.engine.fuzz;

import static org.junit.jupiter.api.Assertions.*;

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
}
