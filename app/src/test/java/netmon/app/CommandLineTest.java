package netmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import netmon.engine.builtin.Builtins;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(args);
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }

    @Test
    void noArgumentsOpensTheGuiWithNoListeners() throws Exception {
        CommandLine cmd = parse();
        assertEquals(CommandLine.Mode.GUI, cmd.mode());
        assertEquals(List.of(), cmd.listeners());
    }

    @Test
    void listenerArgumentsWithoutServeOpenTheGuiWithThoseListeners() throws Exception {
        CommandLine cmd = parse("echo=tcp:7000", "udp-echo=udp:7002");
        assertEquals(CommandLine.Mode.GUI, cmd.mode());
        assertEquals(List.of(new ListenerSpec("echo", "tcp:7000"), new ListenerSpec("udp-echo", "udp:7002")),
                cmd.listeners());
    }

    @Test
    void serveKeepsEveryListenerInOrder() throws Exception {
        CommandLine cmd = parse("serve", "echo=tcp:0", "chat=tcp:7001:interface=127.0.0.1", "udp-echo=udp:0");
        assertEquals(CommandLine.Mode.SERVE, cmd.mode());
        assertEquals(List.of(new ListenerSpec("echo", "tcp:0"),
                new ListenerSpec("chat", "tcp:7001:interface=127.0.0.1"),
                new ListenerSpec("udp-echo", "udp:0")), cmd.listeners());
    }

    @Test
    void onlyTheFirstEqualsSignSplitsNameFromEndpoint() throws Exception {
        assertEquals(List.of(new ListenerSpec("echo", "tcp:7000:interface=::1:backlog=5")),
                parse("serve", "echo=tcp:7000:interface=::1:backlog=5").listeners());
    }

    @Test
    void helpIsRecognisedAloneAndAfterServe() throws Exception {
        assertEquals(CommandLine.Mode.HELP, parse("--help").mode());
        assertEquals(CommandLine.Mode.HELP, parse("-h").mode());
        assertEquals(CommandLine.Mode.HELP, parse("serve", "--help").mode());
    }

    @Test
    void serveWithoutListenersIsAnError() {
        assertTrue(error("serve").contains("at least one NAME=ENDPOINT"));
    }

    @Test
    void unknownServiceNameIsAnErrorNamingIt() {
        assertEquals("unknown service 'http' in 'http=tcp:80' (expected echo, chat or udp-echo)",
                error("serve", "http=tcp:80"));
    }

    @Test
    void argumentWithoutEqualsIsAnErrorWithAHint() {
        assertEquals("'echo' is not NAME=ENDPOINT, e.g. echo=tcp:0", error("serve", "echo"));
        assertEquals("'udp-echo' is not NAME=ENDPOINT, e.g. udp-echo=udp:0", error("serve", "udp-echo"));
        assertEquals("'tcp:7000' is not NAME=ENDPOINT", error("serve", "tcp:7000"));
    }

    @Test
    void emptyNameIsAnUnknownService() {
        assertEquals("unknown service '' in '=tcp:0' (expected echo, chat or udp-echo)", error("serve", "=tcp:0"));
    }

    @Test
    void emptyEndpointIsLeftForTheEngineToReject() throws Exception {
        assertEquals(List.of(new ListenerSpec("echo", "")), parse("serve", "echo=").listeners());
    }

    @Test
    void unknownOptionIsAnError() {
        assertEquals("unknown option '--port' (see --help)", error("serve", "echo=tcp:0", "--port"));
        assertEquals("unknown option '--verbose' (see --help)", error("--verbose"));
    }

    @Test
    void badArgumentAnywhereFailsTheWholeCommandLine() {
        assertThrows(UsageException.class, () -> parse("serve", "echo=tcp:0", "chat=tcp:0", "bogus"));
    }

    @Test
    void sameListenerOnAFixedPortTwiceIsAnError() {
        assertEquals("'echo=tcp:7000' is given twice; each listener needs its own endpoint",
                error("serve", "echo=tcp:7000", "echo=tcp:7000"));
    }

    @Test
    void sameNameOnDifferentEndpointsIsFine() throws Exception {
        assertEquals(2, parse("serve", "echo=tcp:7000", "echo=tcp:7001").listeners().size());
    }

    @Test
    void sameListenerOnAnEphemeralPortTwiceStartsTwo() throws Exception {
        assertEquals(2, parse("serve", "echo=tcp:0", "echo=tcp:0").listeners().size());
        assertEquals(2, parse("serve", "echo=tcp:port=0", "echo=tcp:port=0").listeners().size());
        assertEquals(2, parse("serve", "udp-echo=udp:0", "udp-echo=udp:0").listeners().size());
    }

    @Test
    void acceptedNamesAreTheEnginesBuiltins() {
        assertEquals(Builtins.NAMES, CommandLine.NAMES);
    }
}
