package netmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End-to-end: what {@code serve} does with a command line it cannot run, a malformed endpoint, or a port
 * that is taken: one {@code error:} line on stderr, no stack trace, nothing on stdout but the listeners
 * that did come up, and a non-zero exit within 5 s.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeErrorsIT {
    private static final Duration CONTRACT_EXIT = Duration.ofSeconds(5);

    /** Runs serve with {@code specs}, expects it to fail, and returns its one error line. */
    private static String failingServe(int expectedStatus, String... specs) throws Exception {
        try (ServeProcess p = ServeProcess.start(specs)) {
            int status = p.awaitExit(CONTRACT_EXIT);
            String error = p.assertOneErrorLineAndNoStackTrace();
            if (expectedStatus < 0) {
                assertNotEquals(0, status, p.describe());
            } else {
                assertEquals(expectedStatus, status, p.describe());
            }
            for (String line : p.stdoutLines()) {
                assertTrue(ServeProcess.LISTENING.matcher(line).matches(), "stdout: " + p.stdoutLines());
            }
            return error;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo=tcp:abc", "echo=tcp:70000", "echo=foo:1", "echo=tcp:", "udp-echo=udp:x",
            "echo=tcp:1:bogus=2", "echo=", "chat=tcp:-1", "echo=tcp:0:interface=not-an-ip", "echo=udp:0",
            "udp-echo=tcp:0"})
    void malformedEndpointIsOneErrorLineAndANonZeroExit(String spec) throws Exception {
        String error = failingServe(-1, spec);
        assertTrue(error.length() > "error: ".length() + 5, "the error says something: " + error);
    }

    @Test
    void malformedEndpointAfterAGoodOneStartsNothing() throws Exception {
        try (ServeProcess p = ServeProcess.start("echo=tcp:0", "chat=tcp:abc")) {
            assertNotEquals(0, p.awaitExit(CONTRACT_EXIT));
            p.assertOneErrorLineAndNoStackTrace();
            assertEquals(java.util.List.of(), p.stdoutLines(), "endpoints are checked before any listener starts");
        }
    }

    @Test
    void tcpPortInUseIsOneErrorLineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            String error = failingServe(-1, "echo=tcp:" + port);
            assertTrue(error.contains(Integer.toString(port)), error);
            assertTrue(error.toLowerCase().contains("in use"), error);
        }
    }

    @Test
    void udpPortInUseIsOneErrorLine() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String error = failingServe(-1, "udp-echo=udp:" + taken.getLocalPort());
            assertTrue(error.contains(Integer.toString(taken.getLocalPort())), error);
        }
    }

    @Test
    void portInUseAfterAGoodListenerStillExitsNonZeroWithOneErrorLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            failingServe(-1, "echo=tcp:0", "chat=tcp:" + taken.getLocalPort(), "udp-echo=udp:0");
        }
    }

    @Test
    void serveWithoutListenersExitsTwo() throws Exception {
        assertTrue(failingServe(2).startsWith("error: serve needs at least one NAME=ENDPOINT"));
    }

    @Test
    void unknownServiceNameExitsTwo() throws Exception {
        assertTrue(failingServe(2, "http=tcp:0").contains("unknown service 'http'"));
    }

    @Test
    void argumentWithoutEqualsExitsTwo() throws Exception {
        assertTrue(failingServe(2, "echo").contains("'echo' is not NAME=ENDPOINT"));
    }

    @Test
    void sameFixedPortListenerTwiceExitsTwo() throws Exception {
        assertTrue(failingServe(2, "echo=tcp:7", "echo=tcp:7").contains("given twice"));
    }
}
