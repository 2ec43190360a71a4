package netmon.engine.reliability;

import static org.junit.jupiter.api.Assertions.*;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import netmon.engine.builtin.Builtins;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.internal.TcpPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-listener connection cap: extra connections are closed cleanly at once, counted and reported. */
@Timeout(30)
class ConnectionCapTest {
    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception { h.close(); }

    private static String echo(Socket s, String text) throws Exception {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        return new String(s.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    @Test
    void defaultCapIsTenThousand() {
        TcpPort p = (TcpPort) h.listen(Builtins.echoFactory());
        assertEquals(10_000, h.on(p::maxConnections));
        assertEquals(TcpPort.DEFAULT_MAX_CONNECTIONS, 10_000);
    }

    @Test
    void connectionsBeyondTheCapAreClosedCleanlyCountedAndReported() throws Exception {
        List<String> refused = new CopyOnWriteArrayList<>();
        h.reactor.monitor().add(new MonitorListener() {
            @Override public void connectionRefused(long listenerId, Address peer, String why) {
                refused.add(listenerId + "|" + peer.host() + "|" + why);
            }
        });
        ListeningPort port = h.on(() -> h.reactor.listenTCP(0, Builtins.echoFactory(), 50, "127.0.0.1", 3));
        TcpPort tcp = (TcpPort) port;
        List<Socket> kept = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket s = Harness.connect(port);
                kept.add(s);
                assertEquals("hi" + i, echo(s, "hi" + i), "connection " + i + " under the cap is served");
            }
            for (int i = 0; i < 2; i++) {
                try (Socket extra = Harness.connect(port)) {
                    // Closed cleanly: the client reads end-of-stream (a FIN), not a reset.
                    assertEquals(-1, extra.getInputStream().read(), "the extra connection is closed at once");
                }
            }
            assertEquals(2L, h.on(tcp::refusedConnections));
            assertEquals(3, h.on(tcp::openConnections));
            assertTrue(Harness.await(5000, () -> refused.size() == 2), "refusals reported: " + refused);
            assertEquals(port.listenerId() + "|127.0.0.1|connection limit 3", refused.get(0));
            for (int i = 0; i < 3; i++) assertEquals("again" + i, echo(kept.get(i), "again" + i), "the others are unaffected");

            // A slot frees when a connection ends: a new client is served again.
            kept.remove(0).close();
            assertTrue(Harness.await(5000, () -> h.on(tcp::openConnections) == 2), "the closed connection left the count");
            try (Socket s = Harness.connect(port)) {
                assertEquals("back", echo(s, "back"));
            }
            assertEquals(2L, h.on(tcp::refusedConnections));
        } finally {
            for (Socket s : kept) s.close();
        }
    }

    @Test
    void aConnectionWhoseConnectionMadeThrowsStillFreesItsSlot() throws Exception {
        netmon.engine.protocol.Factory f = netmon.engine.protocol.Factory.forProtocol(() -> new netmon.engine.protocol.Protocol() {
            @Override public void connectionMade() { throw new IllegalStateException("boom (expected by test)"); }
        });
        TcpPort port = (TcpPort) h.on(() -> h.reactor.listenTCP(0, f, 50, "127.0.0.1", 1));
        for (int i = 0; i < 3; i++) {
            try (Socket s = Harness.connect(port)) {
                assertEquals(-1, s.getInputStream().read());
            }
        }
        assertEquals(0, h.on(port::openConnections));
        assertEquals(0L, h.on(port::refusedConnections), "each failed connection freed its slot");
    }

    @Test
    void capBelowOneIsRejected() {
        TcpPort p = (TcpPort) h.listen(Builtins.echoFactory());
        assertThrows(IllegalArgumentException.class, () -> h.on(() -> {
            p.setMaxConnections(0);
            return null;
        }));
    }
}
