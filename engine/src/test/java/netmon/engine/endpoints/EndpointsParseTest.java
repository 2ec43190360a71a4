package netmon.engine.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strports tokenizer and the server/client description grammar (TWISTED-SEMANTICS items 92-96). */
@Timeout(10)
class EndpointsParseTest {

    // ---- tokenizer (items 92, 93) ----

    @Test
    void parseSplitsPositionalAndKeywordArgumentsLikeTwisted() {
        ParsedArguments p = Endpoints.parse("a:b:d=1:c");
        assertEquals(List.of("a", "b", "c"), p.args());
        assertEquals(Map.of("d", "1"), p.kwargs());
    }

    @Test
    void backslashEscapesColonsEqualsAndBackslashes() {
        // test_endpoints.py::test_escape: r'unix:foo\:bar\=baz\:qux\\' -> 'foo:bar=baz:qux\'
        ParsedArguments p = Endpoints.parse("unix:foo\\:bar\\=baz\\:qux\\\\");
        assertEquals(List.of("unix", "foo:bar=baz:qux\\"), p.args());
        assertEquals(Map.of(), p.kwargs());
    }

    @Test
    void onlyTheFirstEqualsSplitsKeyFromValue() {
        // test_impliedEscape: 'unix:address=foo=bar' -> address='foo=bar'
        ParsedArguments p = Endpoints.parse("unix:address=foo=bar");
        assertEquals(List.of("unix"), p.args());
        assertEquals(Map.of("address", "foo=bar"), p.kwargs());
    }

    @Test
    void escapedEqualsInKeyIsPartOfTheKey() {
        ParsedArguments p = Endpoints.parse("x:a\\=b=c");
        assertEquals(Map.of("a=b", "c"), p.kwargs());
    }

    @Test
    void quoteStringArgumentEscapesColonsAndBackslashes() {
        // test_quoteStringArgument
        assertEquals("some \\: stuff \\\\", Endpoints.quoteStringArgument("some : stuff \\"));
    }

    @Test
    void quotedArgumentRoundTripsThroughParse() {
        // As in Twisted, '=' is not quoted: it only matters before the first '=' of an argument.
        String positional = "a:b\\c:";
        String value = "a:b\\c=d:";
        ParsedArguments p = Endpoints.parse("t:" + Endpoints.quoteStringArgument(positional) + ":k=" + Endpoints.quoteStringArgument(value));
        assertEquals(List.of("t", positional), p.args());
        assertEquals(Map.of("k", value), p.kwargs());
    }

    @Test
    void emptyArgumentsArePreserved() {
        assertEquals(List.of("tcp", "", "x"), Endpoints.parse("tcp::x").args());
        assertEquals(List.of("tcp", ""), Endpoints.parse("tcp:").args());
    }

    @Test
    void repeatedKeyKeepsTheLastValue() {
        assertEquals(Map.of("k", "2"), Endpoints.parse("t:k=1:k=2").kwargs());
    }

    // ---- tcp and udp server descriptions (item 94, 96) ----

    @Test
    void simpleTcpUsesNetmonDefaults() {
        assertEquals(new ServerDescription("tcp", 7000, "127.0.0.1", 50), Endpoints.parseServer("tcp:7000"));
    }

    @Test
    void tcpWithInterface() {
        assertEquals(new ServerDescription("tcp", 7000, "0.0.0.0", 50), Endpoints.parseServer("tcp:7000:interface=0.0.0.0"));
    }

    @Test
    void tcpWithBacklog() {
        assertEquals(new ServerDescription("tcp", 7000, "127.0.0.1", 7), Endpoints.parseServer("tcp:7000:backlog=7"));
    }

    @Test
    void tcpWithEverythingInAnyOrder() {
        ServerDescription expected = new ServerDescription("tcp", 7000, "10.1.2.3", 100);
        assertEquals(expected, Endpoints.parseServer("tcp:7000:interface=10.1.2.3:backlog=100"));
        assertEquals(expected, Endpoints.parseServer("tcp:backlog=100:interface=10.1.2.3:7000"));
        assertEquals(expected, Endpoints.parseServer("tcp:port=7000:backlog=100:interface=10.1.2.3"));
    }

    @Test
    void tcpPortGivenByName() {
        assertEquals(new ServerDescription("tcp", 80, "127.0.0.1", 50), Endpoints.parseServer("tcp:port=80"));
    }

    @Test
    void tcpPositionalInterfaceAndBacklogAsInTwisted() {
        assertEquals(new ServerDescription("tcp", 80, "0.0.0.0", 5), Endpoints.parseServer("tcp:80:0.0.0.0:5"));
    }

    @Test
    void portZeroMeansEphemeral() {
        assertEquals(0, Endpoints.parseServer("tcp:0").port());
        assertEquals(65535, Endpoints.parseServer("tcp:65535").port());
    }

    @Test
    void escapedIpv6Interface() {
        assertEquals("::1", Endpoints.parseServer("tcp:7000:interface=\\:\\:1").iface());
    }

    @Test
    void udpDescription() {
        assertEquals(new ServerDescription("udp", 7002, "127.0.0.1", 50), Endpoints.parseServer("udp:7002"));
        assertEquals(new ServerDescription("udp", 7002, "0.0.0.0", 50), Endpoints.parseServer("udp:port=7002:interface=0.0.0.0"));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals(new ServerDescription("tcp", 7000, "127.0.0.1", 50), Endpoints.parseServer("  tcp:7000 "));
    }

    @Test
    void serverDescriptionToStringParsesBackToItself() {
        for (String s : List.of("tcp:7000", "udp:9:interface=0.0.0.0", "tcp:1:interface=\\:\\:1:backlog=3")) {
            ServerDescription d = Endpoints.parseServer(s);
            assertEquals(d, Endpoints.parseServer(d.toString()), s);
        }
    }

    // ---- malformed server descriptions: one exception, one clear message (item 95) ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tcp:abc|bad endpoint 'tcp:abc': port must be a number 0-65535, got 'abc'",
        "tcp:70000|bad endpoint 'tcp:70000': port must be 0-65535, got 70000",
        "tcp:99999999999999|bad endpoint 'tcp:99999999999999': port must be 0-65535, got 99999999999999",
        "tcp:-1|bad endpoint 'tcp:-1': port must be a number 0-65535, got '-1'",
        "tcp: 80|bad endpoint 'tcp: 80': port must be a number 0-65535, got ' 80'",
        "foo:7000|bad endpoint 'foo:7000': unknown endpoint type 'foo' (expected tcp or udp)",
        "TCP:7000|bad endpoint 'TCP:7000': unknown endpoint type 'TCP' (expected tcp or udp)",
        "7000|bad endpoint '7000': unknown endpoint type '7000' (expected tcp or udp; did you mean tcp:7000?)",
        "tcp:7000:foo=1|bad endpoint 'tcp:7000:foo=1': unknown option 'foo' for tcp (expected port, interface, backlog)",
        "udp:7000:backlog=5|bad endpoint 'udp:7000:backlog=5': unknown option 'backlog' for udp (expected port, interface)",
        "tcp|bad endpoint 'tcp': missing port (e.g. tcp:7000, or tcp:0 for any free port)",
        "tcp:|bad endpoint 'tcp:': missing port (e.g. tcp:7000, or tcp:0 for any free port)",
        "udp:interface=0.0.0.0|bad endpoint 'udp:interface=0.0.0.0': missing port (e.g. udp:7000, or udp:0 for any free port)",
        "tcp:7000:interface=localhost|bad endpoint 'tcp:7000:interface=localhost': interface must be a numeric IP address such as 127.0.0.1 or 0.0.0.0, got 'localhost'",
        "tcp:7000:interface=256.1.1.1|bad endpoint 'tcp:7000:interface=256.1.1.1': interface must be a numeric IP address such as 127.0.0.1 or 0.0.0.0, got '256.1.1.1'",
        "tcp:7000:interface=|bad endpoint 'tcp:7000:interface=': interface must be a numeric IP address such as 127.0.0.1 or 0.0.0.0, got ''",
        "tcp:7000:backlog=0|bad endpoint 'tcp:7000:backlog=0': backlog must be a positive number, got '0'",
        "tcp:7000:backlog=x|bad endpoint 'tcp:7000:backlog=x': backlog must be a positive number, got 'x'",
        "tcp:7000:port=7001|bad endpoint 'tcp:7000:port=7001': port given twice",
        "tcp:1:0.0.0.0:5:extra|bad endpoint 'tcp:1:0.0.0.0:5:extra': too many arguments for tcp: expected at most 3 (port, interface, backlog), got 4",
    })
    void malformedServerDescriptionGivesOneClearMessage(String description, String message) {
        EndpointParseException e = assertThrows(EndpointParseException.class, () -> Endpoints.parseServer(description));
        assertEquals(message, e.getMessage());
        assertEquals(description, e.getDescription());
    }

    @Test
    void emptyDescriptionIsRejected() {
        for (String s : new String[] {"", "   ", null}) {
            EndpointParseException e = assertThrows(EndpointParseException.class, () -> Endpoints.parseServer(s));
            assertEquals("bad endpoint '" + (s == null ? "" : s) + "': empty endpoint description (expected e.g. tcp:7000 or udp:7002)", e.getMessage());
        }
    }

    @Test
    void parseErrorIsAnIllegalArgumentException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoints.parseServer("tcp:x"));
        assertEquals(EndpointParseException.class, e.getClass());
    }

    // ---- client descriptions (item 97) ----

    @Test
    void tcpClientWithKeywords() {
        assertEquals(new ClientDescription("tcp", "127.0.0.1", 7000, 5), Endpoints.parseClient("tcp:host=127.0.0.1:port=7000:timeout=5"));
    }

    @Test
    void tcpClientDefaultTimeoutIsThirtySeconds() {
        assertEquals(new ClientDescription("tcp", "example.org", 80, 30), Endpoints.parseClient("tcp:host=example.org:port=80"));
    }

    @Test
    void tcpClientPositional() {
        assertEquals(new ClientDescription("tcp", "10.0.0.1", 7000, 30), Endpoints.parseClient("tcp:10.0.0.1:7000"));
        assertEquals(new ClientDescription("tcp", "10.0.0.1", 7000, 2.5), Endpoints.parseClient("tcp:10.0.0.1:7000:2.5"));
    }

    @Test
    void udpClient() {
        assertEquals(new ClientDescription("udp", "127.0.0.1", 7002, 30), Endpoints.parseClient("udp:host=127.0.0.1:port=7002"));
    }

    @Test
    void clientDescriptionToStringParsesBackToItself() {
        for (String s : List.of("tcp:host=h:port=1:timeout=2.5", "tcp:host=\\:\\:1:port=80", "udp:host=127.0.0.1:port=9")) {
            ClientDescription d = Endpoints.parseClient(s);
            assertEquals(d, Endpoints.parseClient(d.toString()), s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tcp:port=7000|bad endpoint 'tcp:port=7000': missing host (e.g. tcp:host=127.0.0.1:port=7000)",
        "tcp:host=h|bad endpoint 'tcp:host=h': missing port (e.g. tcp:host=h:port=7000)",
        "tcp:host=h:port=0|bad endpoint 'tcp:host=h:port=0': port must be 1-65535, got 0",
        "tcp:host=h:port=x|bad endpoint 'tcp:host=h:port=x': port must be a number 1-65535, got 'x'",
        "tcp:host=h:port=1:timeout=0|bad endpoint 'tcp:host=h:port=1:timeout=0': timeout must be a positive number of seconds, got '0'",
        "tcp:host=h:port=1:timeout=soon|bad endpoint 'tcp:host=h:port=1:timeout=soon': timeout must be a positive number of seconds, got 'soon'",
        "tcp:host=h:port=1:bindAddress=x|bad endpoint 'tcp:host=h:port=1:bindAddress=x': unknown option 'bindAddress' for tcp (expected host, port, timeout)",
        "udp:host=h:port=1:timeout=3|bad endpoint 'udp:host=h:port=1:timeout=3': unknown option 'timeout' for udp (expected host, port)",
        "udp:host=localhost:port=1|bad endpoint 'udp:host=localhost:port=1': udp host must be a numeric IP address, got 'localhost'",
        "tcp:host=a b:port=1|bad endpoint 'tcp:host=a b:port=1': host must not contain spaces, got 'a b'",
        "ssl:host=h:port=1|bad endpoint 'ssl:host=h:port=1': unknown endpoint type 'ssl' (expected tcp or udp)",
    })
    void malformedClientDescriptionGivesOneClearMessage(String description, String message) {
        EndpointParseException e = assertThrows(EndpointParseException.class, () -> Endpoints.parseClient(description));
        assertEquals(message, e.getMessage());
    }
}
