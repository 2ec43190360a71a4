package netmon.ui.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import netmon.engine.reactor.SelectReactor;
import netmon.engine.protocol.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client tool without the toolkit: results delivered through a single-thread executor standing in for the FX thread. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientToolTest {

    @Test
    void targetsAreParsedWithReasons() {
        assertEquals(new Address("TCP", "127.0.0.1", 7000), ClientTool.parseTarget(" 127.0.0.1:7000 ", false));
        assertEquals(new Address("UDP", "::1", 53), ClientTool.parseTarget("[::1]:53", true));
        assertEquals("port must be 1–65535", assertThrows(IllegalArgumentException.class, () -> ClientTool.parseTarget("h:70000", false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientTool.parseTarget("::1:53", false));
        assertThrows(IllegalArgumentException.class, () -> ClientTool.parseTarget("host", false));
    }

    @Test
    void payloadsAreTextWithLineEndingsOrHex() {
        assertArrayEquals("hi\r\n".getBytes(), Payloads.text("hi", Payloads.LineEnding.CRLF));
        assertArrayEquals("hi\n".getBytes(), Payloads.text("hi", Payloads.LineEnding.LF));
        assertArrayEquals("hi".getBytes(), Payloads.text("hi", Payloads.LineEnding.NONE));
        assertArrayEquals(new byte[] {0x48, 0x69}, Payloads.hex("48 69"));
        assertThrows(IllegalArgumentException.class, () -> Payloads.hex("4"));
    }

    @Test
    void aUdpSessionSendsToARealPeerAndGetsItsReply() throws Exception {
        SelectReactor reactor = new SelectReactor();
        Thread loop = reactor.startThread("client-test");
        ExecutorService fx = Executors.newSingleThreadExecutor();
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            ClientTool tool = new ClientTool(reactor, fx);
            CompletableFuture<ClientSession> f = new CompletableFuture<>();
            fx.submit(() -> tool.connect(true, "127.0.0.1:" + peer.getLocalPort(), 5, false, 0)
                    .addCallbacks(s -> f.complete(s), e -> f.completeExceptionally(e.getValue()))).get();
            ClientSession s = f.get(5, TimeUnit.SECONDS);
            assertEquals(ClientSession.State.CONNECTED, s.stateProperty().get());
            fx.submit(() -> tool.send(s, "abc".getBytes())).get();
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            peer.receive(p);
            assertEquals("abc", new String(p.getData(), 0, p.getLength()));
        } finally {
            fx.shutdown();
            reactor.stop();
            loop.join(5000);
        }
    }

    @Test
    void reconnectingModeGivesUpAfterItsRetriesAndSaysSo() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        SelectReactor reactor = new SelectReactor();
        Thread loop = reactor.startThread("client-test");
        ExecutorService fx = Executors.newSingleThreadExecutor();
        try {
            ClientTool tool = new ClientTool(reactor, fx);
            ClientSession s = fx.submit(() -> {
                tool.connect(false, "127.0.0.1:" + port, 2, true, 0);
                return tool.sessions().get(0);
            }).get();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (s.stateProperty().get() != ClientSession.State.FAILED && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(100); // let the last status update land
            assertEquals(ClientSession.State.FAILED, fx.submit(() -> s.stateProperty().get()).get());
            String status = fx.submit(() -> s.statusProperty().get()).get();
            org.junit.jupiter.api.Assertions.assertTrue(status.contains("gave up after 0 retries"), status);
        } finally {
            fx.shutdown();
            reactor.stop();
            loop.join(5000);
        }
    }
}
