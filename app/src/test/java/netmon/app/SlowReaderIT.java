package netmon.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End-to-end, item 112: a client that never reads, while trying to push 200 MiB through the echo
 * service, cannot make the server process grow: backpressure stops the server reading it, so the
 * client's own writes stall after a few MiB (kernel buffers plus the server's ~1 MiB), and the server's
 * resident memory stays flat while another client is still served.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowReaderIT {
    private static final long TWO_HUNDRED_MIB = 200L * 1024 * 1024;

    @Test
    void clientThatNeverReadsLeavesTheServersMemoryFlat() throws Exception {
        try (ServeProcess server = ServeProcess.start("echo=tcp:0")) {
            InetSocketAddress echo = ServeProcess.only(server.awaitListening(1, Duration.ofSeconds(30)), "echo").address();
            // Warm the echo path once so class loading and JIT buffers are in the baseline.
            assertEchoes(echo, "warm-up");
            long rssBefore = rssKiB(server.jvm().pid());

            long sent = 0;
            try (SocketChannel ch = SocketChannel.open(echo)) {
                ch.configureBlocking(false);
                ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
                long stalledSince = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (sent < TWO_HUNDRED_MIB && System.nanoTime() < deadline) {
                    buf.clear();
                    int n = ch.write(buf);
                    if (n > 0) {
                        sent += n;
                        stalledSince = 0;
                        continue;
                    }
                    long now = System.nanoTime();
                    if (stalledSince == 0) stalledSince = now;
                    // Two seconds without progress: the server has stopped reading us.
                    if (now - stalledSince > TimeUnit.SECONDS.toNanos(2)) break;
                    Thread.sleep(5);
                }
                assertTrue(sent < 64L * 1024 * 1024, "writes must stall long before 200 MiB, sent " + sent);

                long rssAfter = rssKiB(server.jvm().pid());
                assertTrue(rssAfter - rssBefore < 64 * 1024,
                        "server RSS grew from " + rssBefore + " KiB to " + rssAfter + " KiB after the client pushed " + sent + " bytes");
                // The stalled client costs nobody else anything.
                assertEchoes(echo, "still serving others");
            }
            server.sigterm();
            assertEquals(0, server.awaitExit(Duration.ofSeconds(10)), server.describe());
        }
    }

    private static void assertEchoes(InetSocketAddress to, String text) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(10_000);
            s.connect(to, 5000);
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(b);
            assertArrayEquals(b, s.getInputStream().readNBytes(b.length));
        }
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
