package netmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End-to-end: the {@code chat} service of {@code serve}, over real sockets on 127.0.0.1. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChatIT {
    private static final String SYNC = "sync-line";
    private static ServeProcess server;
    private static InetSocketAddress chat;

    @BeforeAll
    static void startServer() throws Exception {
        chat = ServeProcess.startOne("chat=tcp:0", "tcp", p -> server = p).address();
    }

    @AfterAll
    static void stopServer() throws Exception {
        ServeProcess.stopCleanly(server);
    }

    /**
     * A chat client: a socket and a thread that splits what it receives into lines (each must end in
     * {@code \r\n}), keeping every line that is not a {@code * } notice.
     */
    static final class Client implements AutoCloseable {
        final Socket socket = new Socket();
        final List<String> lines = new ArrayList<>();
        final CountDownLatch synced = new CountDownLatch(1);
        volatile boolean closedByServer;
        volatile String protocolError;
        private final Thread reader;

        Client(InetSocketAddress to) throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(to, 5000);
            reader = new Thread(this::readLoop, "chat-client-" + socket.getLocalPort());
            reader.setDaemon(true);
            reader.start();
        }

        /** {@code <IP:PORT> }: this client's own address as the server sees it, the prefix of its lines. */
        String prefix() {
            InetSocketAddress local = (InetSocketAddress) socket.getLocalSocketAddress();
            return "<" + local.getAddress().getHostAddress() + ":" + local.getPort() + "> ";
        }

        private void readLoop() {
            try {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != -1) {
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    byte[] raw = line.toByteArray();
                    line.reset();
                    if (raw.length == 0 || raw[raw.length - 1] != '\r') {
                        protocolError = "line not ended by \\r\\n: " + new String(raw, StandardCharsets.UTF_8);
                    }
                    String text = new String(raw, 0, Math.max(0, raw.length - 1), StandardCharsets.UTF_8);
                    if (text.startsWith("* ")) continue;
                    if (text.endsWith(SYNC)) {
                        synced.countDown();
                        continue;
                    }
                    synchronized (lines) {
                        lines.add(text);
                        lines.notifyAll();
                    }
                }
                closedByServer = true;
            } catch (SocketException e) {
                closedByServer = !socket.isClosed();   // a reset from the server, not our own close
            } catch (IOException e) {
                protocolError = e.toString();
            }
            synchronized (lines) {
                lines.notifyAll();
            }
        }

        List<String> awaitLines(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                while (lines.size() < count) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) fail(prefix() + " got " + lines.size() + " of " + count + " lines: " + lines);
                    if (!reader.isAlive()) fail(prefix() + " stream ended after " + lines.size() + " of " + count);
                    lines.wait(Math.min(left, 100));
                }
                return List.copyOf(lines);
            }
        }

        void send(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        boolean awaitClosedByServer(Duration timeout) throws InterruptedException {
            reader.join(timeout.toMillis());
            return closedByServer;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Connects {@code n} clients and returns once each one receives lines from the server. */
    private static List<Client> joinedClients(int n) throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) clients.add(new Client(chat));
        // The server registers a client some time after connect() returns: repeat a sync line until every
        // client has seen one, so no later line can miss a client.
        Client first = clients.get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Client c : clients) {
            while (!c.synced.await(100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) fail("clients never all joined the chat");
                first.send((SYNC + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return clients;
    }

    private static void closeAll(List<Client> clients) throws IOException {
        for (Client c : clients) c.close();
    }

    /** Writes {@code bytes} in chunks cut at random points (inside UTF-8 characters and between \r and \n too). */
    private static void sendRandomlySplit(Client c, byte[] bytes, Random random) throws IOException, InterruptedException {
        int off = 0;
        while (off < bytes.length) {
            int n = Math.min(bytes.length - off, 1 + random.nextInt(12));
            c.socket.getOutputStream().write(bytes, off, n);
            c.socket.getOutputStream().flush();
            off += n;
            if (random.nextInt(8) == 0) Thread.sleep(1);
        }
    }

    @Test
    void fiftyClientsEachGetEveryLineFromEverySenderPrefixedWithTheSendersAddress() throws Exception {
        int clientCount = 50;
        int linesEach = 6;
        List<Client> clients = joinedClients(clientCount);
        try {
            Random random = new Random(50);
            Map<String, List<String>> sentBy = new HashMap<>();
            List<Thread> senders = new ArrayList<>();
            for (int k = 0; k < clientCount; k++) {
                Client c = clients.get(k);
                List<String> texts = new ArrayList<>();
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                for (int j = 0; j < linesEach; j++) {
                    String text = "client " + k + " line " + j + " — héllo wörld ✓ 日本語 🛰 " + "x".repeat(random.nextInt(40));
                    texts.add(text);
                    stream.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                    stream.writeBytes((j % 2 == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII));
                }
                sentBy.put(c.prefix(), texts);
                byte[] bytes = stream.toByteArray();
                Random own = new Random(random.nextLong());
                Thread t = new Thread(() -> {
                    try {
                        sendRandomlySplit(c, bytes, own);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, "chat-sender-" + k);
                senders.add(t);
            }
            senders.forEach(Thread::start);
            for (Thread t : senders) t.join(30_000);

            int expected = clientCount * linesEach;
            for (Client receiver : clients) {
                List<String> got = receiver.awaitLines(expected, Duration.ofSeconds(30));
                assertEquals(expected, got.size(), receiver.prefix() + " extra lines: " + got);
                Map<String, List<String>> bySender = new HashMap<>();
                for (String line : got) {
                    int end = line.indexOf("> ");
                    assertTrue(line.startsWith("<") && end > 0, "no <IP:PORT> prefix: " + line);
                    String prefix = line.substring(0, end + 2);
                    assertTrue(sentBy.containsKey(prefix), "prefix " + prefix + " is no sender's local address");
                    bySender.computeIfAbsent(prefix, p -> new ArrayList<>()).add(line.substring(end + 2));
                }
                assertEquals(sentBy, bySender, "what " + receiver.prefix() + " received, per sender and in order");
                assertEquals(null, receiver.protocolError, receiver.prefix());
            }
        } finally {
            closeAll(clients);
        }
    }

    @Test
    void anOverlongLineClosesOnlyThatClientAndTheOthersKeepChatting() throws Exception {
        List<Client> clients = joinedClients(3);
        try {
            Client talker = clients.get(0);
            Client flooder = clients.get(1);
            Client listener = clients.get(2);

            talker.send("before\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(talker.prefix() + "before"), listener.awaitLines(1, Duration.ofSeconds(10)));

            byte[] tooLong = new byte[20_000];
            Arrays.fill(tooLong, (byte) 'a');
            try {
                flooder.send(tooLong);
                flooder.send("\n".getBytes(StandardCharsets.US_ASCII));
            } catch (SocketException e) {
                // the server may close before we finish writing
            }
            assertTrue(flooder.awaitClosedByServer(Duration.ofSeconds(10)), "the over-long line's client is closed");
            for (String l : flooder.lines) {
                assertTrue(l.startsWith("error:") || l.endsWith("before"), "flooder got: " + l);
            }

            talker.send("after\r\n".getBytes(StandardCharsets.UTF_8));
            List<String> heard = listener.awaitLines(2, Duration.ofSeconds(10));
            assertEquals(List.of(talker.prefix() + "before", talker.prefix() + "after"), heard);
            assertEquals(List.of(talker.prefix() + "before", talker.prefix() + "after"),
                    talker.awaitLines(2, Duration.ofSeconds(10)));
            for (String l : heard) assertFalse(l.contains("aaaa"), "the over-long line was relayed");
        } finally {
            closeAll(clients);
        }
    }

    @Test
    void aLineIsDeliveredWhateverWayItIsSplit() throws Exception {
        List<Client> clients = joinedClients(2);
        try {
            Client a = clients.get(0);
            byte[] line = "ça va? 👍\r\n".getBytes(StandardCharsets.UTF_8);
            for (byte b : line) a.send(new byte[] {b});
            assertEquals(List.of(a.prefix() + "ça va? 👍"), clients.get(1).awaitLines(1, Duration.ofSeconds(10)));
        } finally {
            closeAll(clients);
        }
    }
}
