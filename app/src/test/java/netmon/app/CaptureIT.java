package netmon.app;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: {@code serve --capture FILE echo=tcp:0 udp-echo=udp:0}, real clients, SIGTERM, and the file read
 * back with {@code tshark}: each followed TCP stream is exactly the bytes sent and echoed, and the UDP payloads
 * are the datagrams sent and echoed. tshark must be installed; without it this test fails, it does not skip.
 * The budget is raised to 4 MiB: the 1 MiB echoed both ways is 2 MiB, more than the default keeps.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CaptureIT {
    @TempDir Path dir;

    @Test
    void serveCaptureWritesAPcapngThatTsharkFollowsAsTheBytesSentAndEchoed() throws Exception {
        Path file = dir.resolve("netmon.pcapng");
        byte[] hello = "hello, capture\n".getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[1 << 20];
        Random rnd = new Random(20261122);
        rnd.nextBytes(big);
        List<String> datagrams = List.of("ping", "a datagram of some length", "x");
        int helloPort, bigPort, udpPort;
        try (ServeProcess serve = ServeProcess.start("--capture", file.toString(), "--capture-budget", "4m",
                "echo=tcp:0", "udp-echo=udp:0")) {
            List<ServeProcess.Listening> ls = serve.awaitListening(2, Duration.ofSeconds(15));
            ServeProcess.Listening echo = ServeProcess.only(ls, "echo");
            ServeProcess.Listening udp = ServeProcess.only(ls, "udp-echo");

            Echoed a = echoThrough(echo.address(), hello, new Random(1));
            assertArrayEquals(hello, a.back());
            helloPort = a.localPort();
            Echoed b = echoThrough(echo.address(), big, rnd);
            assertArrayEquals(big, b.back());
            bigPort = b.localPort();

            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                s.setSoTimeout(5000);
                udpPort = s.getLocalPort();
                for (String d : datagrams) {
                    byte[] m = d.getBytes(StandardCharsets.US_ASCII);
                    s.send(new DatagramPacket(m, m.length, udp.address()));
                    DatagramPacket p = new DatagramPacket(new byte[100], 100);
                    s.receive(p);
                    assertEquals(d, new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII));
                }
            }
            assertFalse(Files.exists(file), "the capture is written when serve stops, not before");
            // kill -TERM rather than Process.destroy(), which also closes our end of its stderr.
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(serve.pid())).inheritIO().start();
            assertTrue(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -TERM failed");
            assertEquals(0, serve.awaitExit(Duration.ofSeconds(30)), serve.describe());
            assertTrue(serve.stderrLines().stream().anyMatch(l -> l.startsWith("capture: wrote ")), serve.describe());
        }
        assertTrue(Files.isRegularFile(file), "no capture at " + file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "only the capture is left in its directory");
        }

        List<Followed> streams = new ArrayList<>();
        for (int i = 0; i < 2; i++) streams.add(followTcp(file, i));
        Followed helloStream = streams.stream().filter(f -> f.node0().equals("127.0.0.1:" + helloPort)).findFirst()
                .orElseThrow(() -> new AssertionError("no stream from port " + helloPort + ": " + streams));
        Followed bigStream = streams.stream().filter(f -> f.node0().equals("127.0.0.1:" + bigPort)).findFirst()
                .orElseThrow(() -> new AssertionError("no stream from port " + bigPort + ": " + streams));
        assertArrayEquals(hello, helloStream.fromClient());
        assertArrayEquals(hello, helloStream.fromServer());
        assertArrayEquals(big, bigStream.fromClient());
        assertArrayEquals(big, bigStream.fromServer());

        String udpOut = tshark(file, "-Y", "udp", "-T", "fields", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "data.data");
        List<String> payloads = new ArrayList<>();
        for (String line : udpOut.lines().toList()) {
            String[] f = line.split("\t", -1);
            assertTrue(f[0].equals(Integer.toString(udpPort)) || f[1].equals(Integer.toString(udpPort)), line);
            payloads.add(new String(HexFormat.of().parseHex(f.length > 2 ? f[2].replace(":", "") : ""),
                    StandardCharsets.US_ASCII));
        }
        List<String> expected = new ArrayList<>();
        for (String d : datagrams) {
            expected.add(d);
            expected.add(d);
        }
        assertEquals(expected, payloads);

        String expert = tshark(file, "-q", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-z", "expert,error");
        for (String line : expert.lines().toList()) {
            String[] cols = line.trim().split("\\s+", 4);
            if (cols.length >= 3 && cols[0].matches("\\d+")) {
                assertFalse(List.of("Ethernet", "ETH", "IPv4", "IP", "IPv6", "TCP", "UDP", "Frame").contains(cols[2]),
                        "tshark reports an error in the capture's own layers: " + line + "\n" + expert);
            }
        }
    }

    record Echoed(byte[] back, int localPort) {}

    /** Writes {@code data} in random chunks while reading the echo, half-closes, reads to the end. */
    private static Echoed echoThrough(InetSocketAddress to, byte[] data, Random rnd) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(to, 5000);
            s.setSoTimeout(20_000);
            CompletableFuture<byte[]> back = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    back.complete(s.getInputStream().readAllBytes());
                } catch (IOException e) {
                    back.completeExceptionally(e);
                }
            }, "capture-it-reader");
            reader.start();
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < data.length; ) {
                int n = Math.min(data.length - i, 1 + rnd.nextInt(50_000));
                out.write(data, i, n);
                out.flush();
                i += n;
            }
            s.shutdownOutput();
            return new Echoed(back.get(30, TimeUnit.SECONDS), s.getLocalPort());
        }
    }

    record Followed(String node0, byte[] fromClient, byte[] fromServer) {
        @Override public String toString() { return node0 + " " + fromClient.length + "/" + fromServer.length + " bytes"; }
    }

    /** {@code tshark -z follow,tcp,raw,N}: lines indented with a tab came from node 1, the server. */
    private static Followed followTcp(Path file, int stream) throws Exception {
        String out = tshark(file, "-q", "-z", "follow,tcp,raw," + stream);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        String node0 = null;
        boolean body = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("=====")) {
                if (body) break;
                continue;
            }
            if (line.startsWith("Node 0: ")) {
                node0 = line.substring(8).trim();
                body = true;
            } else if (body && !line.isBlank() && !line.startsWith("Node 1: ")) {
                (line.startsWith("\t") ? server : client).writeBytes(HexFormat.of().parseHex(line.trim()));
            }
        }
        assertNotNull(node0, "no TCP stream " + stream + " in the capture:\n" + out);
        return new Followed(node0, client.toByteArray(), server.toByteArray());
    }

    private static String tshark(Path file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("tshark is not installed; this test needs it (apt-get install -y tshark; "
                    + "CI installs it in scripts/install-system-deps.sh): " + e.getMessage(), e);
        }
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish: " + cmd);
        assertEquals(0, p.exitValue(), "tshark failed: " + cmd);
        return new String(out, StandardCharsets.UTF_8);
    }
}
