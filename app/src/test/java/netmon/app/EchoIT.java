package netmon.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End-to-end: the {@code echo} service of {@code serve}, over real sockets on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoIT {
    private static ServeProcess server;
    private static InetSocketAddress echo;

    @BeforeAll
    static void startServer() throws Exception {
        echo = ServeProcess.startOne("echo=tcp:0", "tcp", p -> server = p).address();
    }

    @AfterAll
    static void stopServer() throws Exception {
        ServeProcess.stopCleanly(server);
    }

    static Socket connect(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(20_000);
        s.connect(to, 5000);
        return s;
    }

    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length, "stream ended early");
        return b;
    }

    static byte[] pattern(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void oneByteComesBack() throws Exception {
        try (Socket s = connect(echo)) {
            s.getOutputStream().write('x');
            assertArrayEquals(new byte[] {'x'}, readExactly(s.getInputStream(), 1));
        }
    }

    @Test
    void twentyMebibytesComeBackUnchangedAndInOrder() throws Exception {
        byte[] data = pattern(20, 20 * 1024 * 1024);
        try (Socket s = connect(echo)) {
            // Written from another thread: the echo comes back while we still send, and neither side may stall.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < data.length; off += 65536) {
                        out.write(data, off, Math.min(65536, data.length - off));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] back = readExactly(s.getInputStream(), data.length);
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, back);
        }
    }

    @Test
    void twoThousandSingleByteWritesComeBackInOrder() throws Exception {
        byte[] data = pattern(2000, 2000);
        try (Socket s = connect(echo)) {
            OutputStream out = s.getOutputStream();
            for (byte b : data) {
                out.write(b);
                out.flush();
            }
            assertArrayEquals(data, readExactly(s.getInputStream(), data.length));
        }
    }

    @Test
    void echoGoesOnAfterTheClientHalfClosesThenTheServerCloses() throws Exception {
        byte[] data = pattern(7, 300_000);
        try (Socket s = connect(echo)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            s.getInputStream().transferTo(back);   // ends at the server's FIN: EOF after everything was echoed
            writer.get(10, TimeUnit.SECONDS);
            assertArrayEquals(data, back.toByteArray());
        }
    }

    @Test
    void twoHundredConcurrentClientsEachGetTheirOwnBytesBack() throws Exception {
        int n = 200;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) sockets.add(connect(echo));
            // All 200 are open at once; every one writes before any reads.
            byte[][] sent = new byte[n][];
            for (int i = 0; i < n; i++) {
                sent[i] = pattern(1000 + i, 2048 + i);
                sockets.get(i).getOutputStream().write(sent[i]);
            }
            for (int i = 0; i < n; i++) {
                byte[] back = readExactly(sockets.get(i).getInputStream(), sent[i].length);
                assertArrayEquals(sent[i], back, "client " + i);
            }
            // Nothing more than what each sent.
            for (int i = 0; i < n; i++) {
                Socket s = sockets.get(i);
                s.shutdownOutput();
                assertEquals(-1, s.getInputStream().read(), "client " + i + " got extra bytes");
            }
        } finally {
            for (Socket s : sockets) s.close();
        }
    }

    @Test
    void bytesOfEveryValueComeBackUnchanged() throws Exception {
        byte[] all = new byte[256 * 4];
        for (int i = 0; i < all.length; i++) all[i] = (byte) i;
        try (Socket s = connect(echo)) {
            s.getOutputStream().write(all);
            byte[] back = readExactly(s.getInputStream(), all.length);
            assertEquals(Arrays.toString(all), Arrays.toString(back));
        }
    }
}
