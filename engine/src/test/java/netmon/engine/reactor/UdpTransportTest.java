package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import netmon.engine.error.CannotListenError;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.ListeningPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class UdpTransportTest {
    private final ReactorFixture fx = new ReactorFixture();

    @AfterEach
    void tearDown() throws Exception { fx.close(); }

    static class UdpEcho extends DatagramProtocol {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        @Override public void startProtocol() { events.add("start"); }
        @Override public void stopProtocol() { events.add("stop"); }
        @Override public void datagramReceived(byte[] data, Address from) {
            if (data.length == 1 && data[0] == '!') throw new IllegalStateException("boom (expected by test)");
            transport.write(data, from);
        }
    }

    private ListeningPort listen(DatagramProtocol p) {
        return fx.on(() -> fx.reactor.listenUDP(0, p, "127.0.0.1", 65507));
    }

    private static byte[] roundTrip(DatagramSocket s, int port, byte[] data) throws Exception {
        s.send(new DatagramPacket(data, data.length, InetAddress.getByName("127.0.0.1"), port));
        DatagramPacket in = new DatagramPacket(new byte[70_000], 70_000);
        s.receive(in);
        byte[] out = new byte[in.getLength()];
        System.arraycopy(in.getData(), 0, out, 0, in.getLength());
        return out;
    }

    @Test
    void udpEchoesZeroLengthAndMaximumSizeDatagramsWhole() throws Exception {
        UdpEcho echo = new UdpEcho();
        ListeningPort p = listen(echo);
        assertEquals("UDP", p.getHost().type());
        assertTrue(p.getHost().port() > 0);
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            s.setSoTimeout(5000);
            s.setSendBufferSize(200_000);
            s.setReceiveBufferSize(200_000);
            assertEquals(0, roundTrip(s, p.getHost().port(), new byte[0]).length);
            byte[] big = new byte[65507];
            new Random(7).nextBytes(big);
            assertArrayEquals(big, roundTrip(s, p.getHost().port(), big));
            // An exception in datagramReceived is logged and the port keeps working.
            s.send(new DatagramPacket(new byte[] {'!'}, 1, InetAddress.getByName("127.0.0.1"), p.getHost().port()));
            assertArrayEquals("after".getBytes(), roundTrip(s, p.getHost().port(), "after".getBytes()));
        }
        assertEquals(List.of("start"), echo.events);
    }

    @Test
    void writeToANonNumericHostOrOversizeDataIsRejected() {
        UdpEcho echo = new UdpEcho();
        listen(echo);
        fx.run(() -> {
            assertThrows(IllegalArgumentException.class,
                    () -> echo.getTransport().write("x".getBytes(), new Address("UDP", "localhost", 9)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> echo.getTransport().write(new byte[65508], new Address("UDP", "127.0.0.1", 9)));
            assertTrue(e.getMessage().contains("message too long"));
            assertThrows(NullPointerException.class, () -> echo.getTransport().write(null, new Address("UDP", "127.0.0.1", 9)));
        });
    }

    @Test
    void writeToAPortNobodyListensOnIsIgnored() {
        UdpEcho echo = new UdpEcho();
        listen(echo);
        fx.run(() -> echo.getTransport().write("lost".getBytes(), new Address("UDP", "127.0.0.1", 9)));
        assertEquals("alive", fx.on(() -> "alive"));
    }

    @Test
    void connectedUdpWritesWithoutAnAddressAndConnectsOnlyOnce() throws Exception {
        UdpEcho echo = new UdpEcho();
        listen(echo);
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            s.setSoTimeout(5000);
            fx.run(() -> {
                echo.getTransport().connect("127.0.0.1", s.getLocalPort());
                assertThrows(IllegalStateException.class, () -> echo.getTransport().connect("127.0.0.1", s.getLocalPort()));
                echo.getTransport().write("to peer".getBytes(), null);
            });
            DatagramPacket in = new DatagramPacket(new byte[100], 100);
            s.receive(in);
            assertEquals("to peer", new String(in.getData(), 0, in.getLength()));
        }
    }

    @Test
    void stopListeningFiresItsDeferredAfterCloseAndCallsStopProtocol() throws Exception {
        UdpEcho echo = new UdpEcho();
        ListeningPort p = listen(echo);
        CompletableFuture<Void> done = new CompletableFuture<>();
        fx.run(() -> p.stopListening().addCallback(v -> done.complete(null)));
        done.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("start", "stop"), echo.events);
        // The port is free again.
        fx.run(() -> fx.reactor.listenUDP(p.getHost().port(), new UdpEcho(), "127.0.0.1", 100).stopListening());
    }

    @Test
    void bindingABusyUdpPortRaisesCannotListenError() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            assertThrows(CannotListenError.class,
                    () -> fx.on(() -> fx.reactor.listenUDP(taken.getLocalPort(), new UdpEcho(), "127.0.0.1", 65507)));
        }
    }
}
