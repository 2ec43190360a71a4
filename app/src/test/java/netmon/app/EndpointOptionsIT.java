package netmon.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End-to-end: the endpoint options of the contract, and several listeners of one kind in one process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndpointOptionsIT {

    @Test
    void interfaceBacklogAndKeywordPortAreAccepted() throws Exception {
        try (ServeProcess p = ServeProcess.start("echo=tcp:port=0:interface=127.0.0.1:backlog=5",
                "udp-echo=udp:0:interface=127.0.0.1")) {
            List<ServeProcess.Listening> all = p.awaitListening(2, Duration.ofSeconds(30));
            ServeProcess.Listening echo = ServeProcess.only(all, "echo");
            assertEquals("127.0.0.1", echo.host());
            try (Socket s = new Socket()) {
                s.setSoTimeout(5000);
                s.connect(echo.address(), 5000);
                s.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), s.getInputStream().readNBytes(2));
            }
            ServeProcess.Listening udp = ServeProcess.only(all, "udp-echo");
            assertEquals("127.0.0.1", udp.host());
            try (DatagramSocket d = new DatagramSocket()) {
                d.setSoTimeout(5000);
                d.send(new DatagramPacket(new byte[] {42}, 1, udp.address()));
                DatagramPacket back = new DatagramPacket(new byte[8], 8);
                d.receive(back);
                assertEquals(1, back.getLength());
            }
            p.sigterm();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(5)), p.describe());
        }
    }

    @Test
    void twoEchoListenersOnEphemeralPortsGetTwoPorts() throws Exception {
        try (ServeProcess p = ServeProcess.start("echo=tcp:0", "echo=tcp:0")) {
            List<ServeProcess.Listening> all = p.awaitListening(2, Duration.ofSeconds(30));
            assertEquals(2, all.stream().map(ServeProcess.Listening::port).distinct().count(), all.toString());
            for (ServeProcess.Listening l : all) {
                try (Socket s = new Socket()) {
                    s.setSoTimeout(5000);
                    s.connect(l.address(), 5000);
                    s.getOutputStream().write(7);
                    assertEquals(7, s.getInputStream().read());
                }
            }
            p.sigterm();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(5)), p.describe());
        }
    }
}
