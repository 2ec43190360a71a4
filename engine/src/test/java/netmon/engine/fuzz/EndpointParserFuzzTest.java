package netmon.engine.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import netmon.engine.endpoints.ClientDescription;
import netmon.engine.endpoints.EndpointParseException;
import netmon.engine.endpoints.Endpoints;
import netmon.engine.endpoints.ServerDescription;

/**
 * Fuzzes the endpoint grammar: whatever the user types, {@code parseServer} and {@code parseClient}
 * either return a valid description or throw {@link EndpointParseException}, never anything else.
 */
class EndpointParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parseServerAndParseClientThrowOnlyEndpointParseException(FuzzedDataProvider data) {
        String description = data.consumeRemainingAsString();
        Endpoints.parse(description);
        try {
            ServerDescription s = Endpoints.parseServer(description);
            if (s.port() < 0 || s.port() > 65535) throw new AssertionError("port out of range: " + s);
            if (s.backlog() <= 0) throw new AssertionError("backlog not positive: " + s);
        } catch (EndpointParseException expected) {
            if (expected.getMessage() == null) throw new AssertionError("parse error without a message");
        }
        try {
            ClientDescription c = Endpoints.parseClient(description);
            if (c.port() < 1 || c.port() > 65535) throw new AssertionError("port out of range: " + c);
            if (!(c.timeoutSeconds() > 0)) throw new AssertionError("timeout not positive: " + c);
        } catch (EndpointParseException expected) {
            if (expected.getMessage() == null) throw new AssertionError("parse error without a message");
        }
    }
}
