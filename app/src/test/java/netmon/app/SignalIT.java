package netmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End-to-end: SIGTERM and SIGINT stop {@code serve} with exit status 0 within 5 s, closing its listeners
 * and the connections of clients still connected (TWISTED-SEMANTICS 114).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalIT {
    private static final Duration CONTRACT_EXIT = Duration.ofSeconds(5);
    private static final long SIGINT_BIT = 1L << (2 - 1);

    /** Clients on every service, each having had one exchange, left connected. */
    private static List<Socket> busyClients(List<ServeProcess.Listening> listeners) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (ServeProcess.Listening l : listeners) {
            if (!l.proto().equals("tcp")) continue;
            for (int i = 0; i < 5; i++) {
                Socket s = new Socket();
                s.setSoTimeout(10_000);
                s.connect(l.address(), 5000);
                sockets.add(s);
                s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                // Wait for an answer so the server has really taken the connection.
                assertTrue(s.getInputStream().read() >= 0, l.name() + " answered");
            }
        }
        // A client mid-stream: more echo data queued that it does not read.
        Socket echo = sockets.get(0);
        echo.getOutputStream().write(new byte[200_000]);
        return sockets;
    }

    private static void udpExchange(ServeProcess.Listening udp) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, udp.address()));
            s.receive(new DatagramPacket(new byte[16], 16));
        }
    }

    /** Reads to the end: the server must close (FIN or RST) every connection as it stops. */
    private static void assertClosedByServer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[65536];
        try {
            while (in.read(buf) != -1) {
                // drain what was still on its way
            }
        } catch (SocketException reset) {
            // closed with a reset: closed all the same
        }
    }

    private static void assertStopsCleanly(boolean sigint) throws Exception {
        try (ServeProcess p = ServeProcess.start("echo=tcp:0", "chat=tcp:0", "udp-echo=udp:0")) {
            List<ServeProcess.Listening> listeners = p.awaitListening(3, Duration.ofSeconds(30));
            List<Socket> clients = busyClients(listeners);
            udpExchange(ServeProcess.only(listeners, "udp-echo"));
            try {
                if (sigint) {
                    assertEquals(0, p.ignoredSignals() & SIGINT_BIT, "the server must not start with SIGINT ignored");
                    p.sigint();
                } else {
                    p.sigterm();
                }
                long start = System.nanoTime();
                int status = p.awaitExit(CONTRACT_EXIT);
                assertEquals(0, status, p.describe());
                assertTrue(System.nanoTime() - start < CONTRACT_EXIT.toNanos());
                for (Socket s : clients) assertClosedByServer(s);
                for (String line : p.stdoutLines()) {
                    assertTrue(ServeProcess.LISTENING.matcher(line).matches(), "stdout holds only listening lines: "
                            + p.stdoutLines());
                }
                assertTrue(p.stderrLines().stream().noneMatch(l -> l.startsWith("error:") || l.matches("\\s+at .*")),
                        "no error on a clean stop: " + p.stderrLines());
                // The listeners are gone with the process.
                ServeProcess.Listening echo = ServeProcess.only(listeners, "echo");
                try (Socket s = new Socket()) {
                    s.connect(echo.address(), 2000);
                    throw new AssertionError("echo port still accepts after exit");
                } catch (java.net.ConnectException expected) {
                    // refused: nothing listens there any more
                }
            } finally {
                for (Socket s : clients) s.close();
            }
        }
    }

    @Test
    void sigtermWithClientsConnectedExitsZeroWithinFiveSeconds() throws Exception {
        assertStopsCleanly(false);
    }

    @Test
    void sigintWithClientsConnectedExitsZeroWithinFiveSeconds() throws Exception {
        assertStopsCleanly(true);
    }

    @Test
    void sigtermRightAfterStartupExitsZero() throws Exception {
        try (ServeProcess p = ServeProcess.start("echo=tcp:0")) {
            p.awaitListening(1, Duration.ofSeconds(30));
            p.sigterm();
            assertEquals(0, p.awaitExit(CONTRACT_EXIT), p.describe());
        }
    }
}
