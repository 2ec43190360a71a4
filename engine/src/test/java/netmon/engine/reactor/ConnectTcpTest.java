package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionDone;
import netmon.engine.error.ConnectionRefusedError;
import netmon.engine.error.TCPTimedOutError;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ConnectTcpTest {
    private final ReactorFixture fx = new ReactorFixture();

    @AfterEach
    void tearDown() throws Exception { fx.close(); }

    static final class Client extends ClientFactory {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Failure> failed = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        final ReactorFixture.Recorder protocol = new ReactorFixture.Recorder() {
            @Override public void connectionMade() {
                super.connectionMade();
                transport.write("ping".getBytes());
            }
        };

        @Override public void startFactory() { events.add("startFactory"); }
        @Override public void stopFactory() { events.add("stopFactory"); }
        @Override public void startedConnecting(Connector c) { events.add("startedConnecting:" + c.getState()); }
        @Override public Protocol buildProtocol(Address addr) {
            events.add("buildProtocol");
            protocol.setFactory(this);
            return protocol;
        }
        @Override public void clientConnectionFailed(Connector c, Failure reason) {
            events.add("failed:" + reason.getType().getSimpleName());
            failed.complete(reason);
        }
        @Override public void clientConnectionLost(Connector c, Failure reason) {
            events.add("lost:" + reason.getType().getSimpleName());
            lost.complete(reason);
        }
    }

    @Test
    void connectTcpConnectsAndTellsTheFactoryEachStep() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Client f = new Client();
            Connector conn = fx.on(() -> fx.reactor.connectTCP("127.0.0.1", ss.getLocalPort(), f, 5));
            try (Socket s = ss.accept()) {
                s.setSoTimeout(5000);
                assertEquals("ping", new String(s.getInputStream().readNBytes(4)));
                f.protocol.made.get(5, TimeUnit.SECONDS);
                assertEquals("connected", fx.on(conn::getState));
                assertEquals(new Address("TCP", "127.0.0.1", s.getLocalPort()), fx.on(() -> f.protocol.getTransport().getPeer()));
                OutputStream out = s.getOutputStream();
                out.write("pong".getBytes());
                s.shutdownOutput();
                assertNotNull(f.lost.get(5, TimeUnit.SECONDS).check(ConnectionDone.class));
            }
            assertEquals("pong", new String(f.protocol.receivedBytes()));
            assertEquals("disconnected", fx.on(conn::getState));
            assertEquals(List.of("startFactory", "startedConnecting:connecting", "buildProtocol", "lost:ConnectionDone", "stopFactory"), f.events);
            assertEquals(List.of("made", "lost:ConnectionDone"), f.protocol.events);
        }
    }

    @Test
    void connectTcpNeverCallsTheProtocolBeforeItReturns() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Client f = new Client();
            List<String> atReturn = fx.on(() -> {
                fx.reactor.connectTCP("127.0.0.1", ss.getLocalPort(), f, 5);
                return List.copyOf(f.events);
            });
            assertEquals(List.of("startFactory", "startedConnecting:connecting"), atReturn);
            try (Socket s = ss.accept()) {
                f.protocol.made.get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void connectionToAClosedPortFailsWithConnectionRefusedErrorAndConnectRetries() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = ss.getLocalPort();
        }
        Client f = new Client();
        Connector conn = fx.on(() -> fx.reactor.connectTCP("127.0.0.1", port, f, 5));
        assertNotNull(f.failed.get(5, TimeUnit.SECONDS).check(ConnectionRefusedError.class));
        assertEquals("disconnected", fx.on(conn::getState));
        assertEquals(List.of("startFactory", "startedConnecting:connecting", "failed:ConnectionRefusedError", "stopFactory"), f.events);

        // connector.connect() tries again; this time someone listens.
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress("127.0.0.1", port));
            fx.run(conn::connect);
            try (Socket s = ss.accept()) {
                f.protocol.made.get(5, TimeUnit.SECONDS);
            }
            f.lost.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectToAListenerWithAFullBacklogTimesOutWithTCPTimedOutError() throws Exception {
        // Deterministic on Linux loopback: with the accept queue full, SYNs are dropped, so the attempt
        // can only end by our timeout.
        List<SocketChannel> fillers = new ArrayList<>();
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress addr = new InetSocketAddress("127.0.0.1", ss.getLocalPort());
            for (int i = 0; i < 8; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.connect(addr);
                fillers.add(ch);
            }
            Thread.sleep(200);
            Client f = new Client();
            Connector conn = fx.on(() -> fx.reactor.connectTCP("127.0.0.1", ss.getLocalPort(), f, 0.5));
            Failure why = f.failed.get(10, TimeUnit.SECONDS);
            assertNotNull(why.check(TCPTimedOutError.class), why.toString());
            assertEquals("disconnected", fx.on(conn::getState));
        } finally {
            for (SocketChannel ch : fillers) ch.close();
        }
    }

    @Test
    void stopConnectingAbandonsTheAttempt() throws Exception {
        List<SocketChannel> fillers = new ArrayList<>();
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress addr = new InetSocketAddress("127.0.0.1", ss.getLocalPort());
            for (int i = 0; i < 8; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.connect(addr);
                fillers.add(ch);
            }
            Thread.sleep(200);
            Client f = new Client();
            fx.run(() -> {
                Connector c = fx.reactor.connectTCP("127.0.0.1", ss.getLocalPort(), f, 30);
                c.stopConnecting();
                assertEquals("disconnected", c.getState());
                assertThrows(IllegalStateException.class, c::stopConnecting);
            });
            assertNotNull(f.failed.get(5, TimeUnit.SECONDS).check(netmon.engine.defer.CancelledError.class));
        } finally {
            for (SocketChannel ch : fillers) ch.close();
        }
    }

    @Test
    void connectByHostNameResolvesTheNameAndConnects() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Client f = new Client();
            fx.run(() -> fx.reactor.connectTCP("localhost", ss.getLocalPort(), f, 5));
            try (Socket s = ss.accept()) {
                InputStream in = s.getInputStream();
                assertEquals("ping", new String(in.readNBytes(4)));
            }
            f.lost.get(5, TimeUnit.SECONDS);
        }
    }
}
