package netmon.ui.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import netmon.engine.defer.Deferred;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.engine.ListenerHandle;
import netmon.ui.engine.ReactorEngineCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Send, broadcast and disconnect from a connection row, against the app's real chat and echo listeners and
 * real clients. A single-thread executor stands in for the FX thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionActionsTest {
    SelectReactor reactor;
    Thread loop;
    ExecutorService fx;
    ReactorEngineCommands engine;
    ConnectionActions actions;
    final Map<Integer, Long> idByPeerPort = new ConcurrentHashMap<>();
    final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        reactor = new SelectReactor();
        reactor.monitor().add(new MonitorListener() {
            @Override
            public void connectionOpened(ConnectionInfo c) { idByPeerPort.put(c.peer().port(), c.id()); }
        });
        loop = reactor.startThread("actions-test");
        fx = Executors.newSingleThreadExecutor();
        engine = new ReactorEngineCommands(reactor, fx);
        actions = new ConnectionActions(reactor, engine, fx);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) s.close();
        fx.shutdown();
        reactor.stop();
        loop.join(5000);
    }

    <T> T await(Deferred<T> d) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        // On the stand-in FX thread, where the Deferred fires: a Deferred belongs to one thread.
        fx.execute(() -> d.addCallbacks(v -> f.complete(v), e -> f.completeExceptionally(e.getValue())));
        return f.get(10, TimeUnit.SECONDS);
    }

    int listen(String kind) throws Exception {
        ListenerHandle h = await(engine.startListener(kind, "tcp:0"));
        return h.host().port();
    }

    record Client(Socket socket, BufferedReader in, long id) {
        /** Reads lines until {@code want}; returns the lines before it. */
        List<String> readUntil(String want) throws Exception {
            List<String> before = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String line = in.readLine();
                assertNotNull(line, "EOF before " + want + " (read " + before + ")");
                if (line.equals(want)) return before;
                before.add(line);
            }
            throw new AssertionError("no " + want + " in " + before);
        }
    }

    Client connect(int port) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        sockets.add(s);
        s.setSoTimeout(5000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!idByPeerPort.containsKey(s.getLocalPort()) && System.nanoTime() < deadline) Thread.sleep(5);
        Long id = idByPeerPort.get(s.getLocalPort());
        assertNotNull(id, "the monitor reported the connection");
        return new Client(s, new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)), id);
    }

    @Test
    void onAChatListenerSendReachesOneClientBroadcastReachesAllAsNotices() throws Exception {
        int port = listen("chat");
        Client a = connect(port), b = connect(port), c = connect(port);

        assertEquals(1, await(actions.send(a.id(), "chat", "just for you")));
        a.readUntil("* just for you");

        assertEquals(3, await(actions.broadcast(b.id(), "chat", "hello, all")));
        for (Client k : List.of(a, b, c)) {
            List<String> before = k.readUntil("* hello, all");
            assertFalse(before.contains("* just for you"), "the send went to one client only: " + before);
        }
    }

    @Test
    void disconnectClosesOnlyThatClientAndTheOthersStillChat() throws Exception {
        int port = listen("chat");
        Client a = connect(port), b = connect(port);
        assertEquals(1, await(actions.disconnect(a.id())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String line;
        while ((line = a.in().readLine()) != null) {
            assertTrue(System.nanoTime() < deadline, "EOF within 5 s; still reading " + line);
        }
        assertNull(line, "the server closed the connection: EOF");
        // Once the close is through, the row's actions find nothing.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int n;
        while ((n = await(actions.send(a.id(), "chat", "too late"))) != 0 && System.nanoTime() < until) Thread.sleep(10);
        assertEquals(0, n, "a gone connection is not written to");
        assertEquals(1, await(actions.broadcast(b.id(), "chat", "still here")), "only b is left");
        b.readUntil("* still here");
        b.socket().getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
        b.readUntil("<127.0.0.1:" + b.socket().getLocalPort() + "> hi");
    }

    @Test
    void onAnEchoListenerTheTextGoesAsAPlainLineToThatListenersClientsOnly() throws Exception {
        int echo1 = listen("echo"), echo2 = listen("echo");
        Client a = connect(echo1), b = connect(echo1), other = connect(echo2);
        assertEquals(1, await(actions.send(a.id(), "echo", "ping")));
        assertEquals("ping", a.in().readLine());
        assertEquals(2, await(actions.broadcast(a.id(), "echo", "to both")));
        assertEquals("to both", a.in().readLine());
        assertEquals("to both", b.in().readLine());
        other.socket().getOutputStream().write("mine\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("mine", other.in().readLine(), "the other listener's client got nothing else first");
    }

    @Test
    void theWireFormIsANoticeForChatAndALineForEcho() {
        assertArrayEquals("* hi there\r\n".getBytes(), ConnectionActions.wire("chat", "hi\nthere"));
        assertArrayEquals("hi\r\n".getBytes(), ConnectionActions.wire("echo", "hi\r"));
        assertTrue(ConnectionActions.supports("chat"));
        assertFalse(ConnectionActions.supports("udp-echo"));
        assertEquals("1 client", ConnectionActions.clients(1));
        assertEquals("3 clients", ConnectionActions.clients(3));
    }
}
