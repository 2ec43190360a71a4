package netmon.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import netmon.engine.defer.Failure;
import netmon.engine.endpoints.EndpointParseException;
import netmon.engine.endpoints.ServerDescription;
import netmon.engine.error.CannotListenError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Serve} in process: validation before anything starts, the listening lines, listen failures, stop. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private Serve serve;

    @AfterEach
    void stopServe() {
        if (serve != null) serve.stop();
    }

    private static List<ListenerSpec> specs(String... args) throws UsageException {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandLine.parse(all).listeners();
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> awaitOutLines(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<String> lines = out().lines().toList();
            if (lines.size() >= n) return lines;
            Thread.sleep(10);
        }
        throw new AssertionError("no " + n + " lines on stdout: " + out() + " / stderr: " + err());
    }

    private static InetSocketAddress addressOf(String listeningLine) {
        Matcher m = ServeProcess.LISTENING.matcher(listeningLine);
        assertTrue(m.matches(), listeningLine);
        return new InetSocketAddress(m.group(3), Integer.parseInt(m.group(4)));
    }

    private static String setupError(int status, String... args) throws Exception {
        List<ListenerSpec> specs = specs(args);
        Serve.SetupException e = assertThrows(Serve.SetupException.class,
                () -> Serve.prepare(specs, System.out, System.err));
        assertEquals(status, e.status, e.getMessage());
        return e.getMessage();
    }

    @Test
    void malformedEndpointIsRefusedBeforeAnythingStartsWithStatusOne() throws Exception {
        assertEquals("echo=tcp:abc: port must be a number 0-65535, got 'abc'", setupError(1, "echo=tcp:0", "echo=tcp:abc"));
    }

    @Test
    void endpointOfTheWrongKindIsRefused() throws Exception {
        assertTrue(setupError(1, "udp-echo=tcp:0").startsWith("udp-echo=tcp:0: udp-echo is a UDP service"));
        assertTrue(setupError(1, "chat=udp:0").startsWith("chat=udp:0: chat is a TCP service"));
    }

    @Test
    void twoListenersOnOneFixedPortAreRefusedWithStatusTwo() throws Exception {
        assertEquals("echo=tcp:7000 and chat=tcp:port=7000 both want tcp 127.0.0.1:7000",
                setupError(2, "echo=tcp:7000", "chat=tcp:port=7000"));
    }

    @Test
    void sameFixedPortOnTcpAndUdpOrOnOtherInterfacesIsNoConflict() {
        List<ListenerSpec> specs = List.of(new ListenerSpec("echo", "a"), new ListenerSpec("udp-echo", "b"),
                new ListenerSpec("chat", "c"));
        assertNull(Serve.conflict(specs, List.of(new ServerDescription("tcp", 7000, "127.0.0.1", 50),
                new ServerDescription("udp", 7000, "127.0.0.1", 50),
                new ServerDescription("tcp", 7000, "127.0.0.2", 50))));
    }

    @Test
    void ephemeralPortsNeverConflict() {
        ServerDescription any = new ServerDescription("tcp", 0, "127.0.0.1", 50);
        assertNull(Serve.conflict(List.of(new ListenerSpec("echo", "tcp:0"), new ListenerSpec("chat", "tcp:0")),
                List.of(any, any)));
    }

    @Test
    void endpointProblemDropsTheRepeatedDescription() {
        assertEquals("missing port", Serve.endpointProblem(new EndpointParseException("tcp:", "missing port")));
        assertEquals("something else",
                Serve.endpointProblem(EndpointParseException.withMessage("tcp:1", "something else")));
    }

    @Test
    void cannotListenReadsAsTheEndOfAnErrorLine() {
        CannotListenError e = new CannotListenError("127.0.0.1", 7001, new java.net.BindException("Address already in use"));
        assertEquals("couldn't listen on 127.0.0.1:7001: address already in use", Serve.describe(Failure.of(e)));
    }

    @Test
    void eachListenerPrintsOneListeningLineAndAnswers() throws Exception {
        serve = Serve.prepare(specs("echo=tcp:0", "udp-echo=udp:0", "chat=tcp:0"), out, err);
        serve.start();
        List<String> lines = awaitOutLines(3);
        assertEquals(3, lines.size(), out());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("listening echo tcp 127.0.0.1:")).count(), out());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("listening udp-echo udp 127.0.0.1:")).count(), out());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("listening chat tcp 127.0.0.1:")).count(), out());
        String echoLine = lines.stream().filter(l -> l.startsWith("listening echo")).findFirst().orElseThrow();
        try (Socket s = new Socket()) {
            s.setSoTimeout(5000);
            s.connect(addressOf(echoLine), 5000);
            s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), s.getInputStream().readNBytes(4));
        }
        assertEquals("", err());
        serve.stop();
        assertTrue(serve.isStopped(), "the reactor loop ended");
        assertEquals(0, serve.status());
        assertEquals(0, serve.awaitExit());
    }

    @Test
    void stopClosesListenersAndConnections() throws Exception {
        serve = Serve.prepare(specs("echo=tcp:0"), out, err);
        serve.start();
        InetSocketAddress echo = addressOf(awaitOutLines(1).get(0));
        try (Socket s = new Socket()) {
            s.setSoTimeout(5000);
            s.connect(echo, 5000);
            s.getOutputStream().write('x');
            assertEquals('x', s.getInputStream().read());
            serve.stop();
            assertTrue(serve.isStopped());
            int r;
            try {
                r = s.getInputStream().read();
            } catch (java.net.SocketException reset) {
                r = -1;
            }
            assertEquals(-1, r, "the connection was closed");
        }
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(echo, 2000);
            }
        });
    }

    @Test
    void portInUseIsOneErrorLineStatusOneAndClosesWhatStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            serve = Serve.prepare(specs("echo=tcp:0", "chat=tcp:" + port), out, err);
            serve.start();
            assertEquals(1, serve.awaitExit());
            assertEquals(1, serve.status());
            assertTrue(serve.isStopped());
            assertEquals(List.of("error: chat=tcp:" + port + ": couldn't listen on 127.0.0.1:" + port
                    + ": address already in use"), err().lines().toList());
            for (String line : out().lines().toList()) {
                InetSocketAddress started = addressOf(line);
                assertThrows(ConnectException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(started, 2000);
                    }
                }, "listener already started is closed: " + line);
            }
        }
    }

    @Test
    void stopIsSafeTwiceAndBeforeStart() throws Exception {
        serve = Serve.prepare(specs("echo=tcp:0"), out, err);
        serve.stop();
        serve.start();
        awaitOutLines(1);
        serve.stop();
        serve.stop();
        assertTrue(serve.isStopped());
        assertEquals(0, serve.status());
    }
}
