package netmon.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End-to-end: the {@code udp-echo} service of {@code serve}, over real datagrams on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpEchoIT {
    private static final int MAX_UDP_PAYLOAD = 65507;
    private static ServeProcess server;
    private static InetSocketAddress udpEcho;

    @BeforeAll
    static void startServer() throws Exception {
        udpEcho = ServeProcess.startOne("udp-echo=udp:0", "udp", p -> server = p).address();
    }

    @AfterAll
    static void stopServer() throws Exception {
        ServeProcess.stopCleanly(server);
    }

    /** Sends {@code payload} and returns the datagram that comes back (resending a few times: UDP may drop). */
    private static byte[] roundTrip(byte[] payload) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setReceiveBufferSize(4 * MAX_UDP_PAYLOAD);
            s.setSoTimeout(1000);
            byte[] buf = new byte[MAX_UDP_PAYLOAD + 1];
            for (int attempt = 0; attempt < 5; attempt++) {
                s.send(new DatagramPacket(payload, payload.length, udpEcho));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                assertEquals(udpEcho, p.getSocketAddress(), "reply comes from the udp-echo port");
                return Arrays.copyOf(p.getData(), p.getLength());
            }
            fail("no echo of a " + payload.length + "-byte datagram after 5 tries");
            return null;
        }
    }

    @Test
    void emptyDatagramComesBackEmpty() throws Exception {
        assertArrayEquals(new byte[0], roundTrip(new byte[0]));
    }

    @Test
    void largestDatagramComesBackWhole() throws Exception {
        byte[] payload = new byte[MAX_UDP_PAYLOAD];
        new Random(65507).nextBytes(payload);
        assertArrayEquals(payload, roundTrip(payload));
    }

    @Test
    void eachDatagramGoesBackToItsOwnSource() throws Exception {
        for (int i = 0; i < 5; i++) {
            byte[] payload = ("datagram " + i).getBytes();
            assertArrayEquals(payload, roundTrip(payload));
        }
    }
}
