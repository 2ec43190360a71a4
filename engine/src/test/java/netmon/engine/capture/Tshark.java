package netmon.engine.capture;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tshark} on a capture file for the tests. A missing tshark fails the test with a message that
 * says how to install it: these tests must not silently skip.
 */
public final class Tshark {
    private Tshark() {}

    /** Runs {@code tshark -r file args...} and returns its stdout; fails on a non-zero exit or after 60 s. */
    public static String run(Path file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        } catch (IOException e) {
            fail("tshark is not installed (apt-get install -y tshark; CI: scripts/install-system-deps.sh): " + e);
            throw e;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread e = new Thread(() -> copy(p.getErrorStream(), err));
        e.start();
        copy(p.getInputStream(), out);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tshark did not finish in 60 s: " + cmd);
        }
        e.join(5000);
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "tshark failed: " + cmd + "\n" + err.toString(StandardCharsets.UTF_8));
        return stdout;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** The two sides of a followed TCP stream: node 0 (the client) and node 1 (the server). */
    public record Followed(String node0, String node1, byte[] fromClient, byte[] fromServer) {}

    /** {@code tshark -q -z follow,tcp,raw,N}, parsed: lines indented with a tab came from node 1. */
    public static Followed followTcp(Path file, int stream) throws IOException, InterruptedException {
        String out = run(file, "-q", "-z", "follow,tcp,raw," + stream);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        String node0 = null, node1 = null;
        boolean body = false;
        HexFormat hex = HexFormat.of();
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("=====")) {
                if (body) break;
                continue;
            }
            if (line.startsWith("Node 0: ")) {
                node0 = line.substring(8).trim();
                body = true;
                continue;
            }
            if (line.startsWith("Node 1: ")) {
                node1 = line.substring(8).trim();
                continue;
            }
            if (!body || line.isBlank() || line.startsWith("Follow:") || line.startsWith("Filter:")) continue;
            if (line.startsWith("\t")) server.writeBytes(hex.parseHex(line.trim()));
            else client.writeBytes(hex.parseHex(line.trim()));
        }
        assertNotNull(node0, () -> "no stream " + stream + " in tshark's output:\n" + out);
        return new Followed(node0, node1, client.toByteArray(), server.toByteArray());
    }

    /** The payload of every UDP packet, hex-decoded, in file order. */
    public static List<byte[]> udpPayloads(Path file) throws IOException, InterruptedException {
        String out = run(file, "-Y", "udp", "-T", "fields", "-e", "data.data");
        List<byte[]> r = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty() && r.isEmpty() && out.isEmpty()) continue;
            r.add(HexFormat.of().parseHex(line.trim().replace(":", "")));
        }
        return r;
    }

    /** The protocols this writer produces; errors from dissectors above them are about the payload, not the file. */
    private static final java.util.Set<String> FRAMING = java.util.Set.of("Frame", "Ethernet", "ETH", "IPv4", "IP",
            "IPv6", "TCP", "UDP", "pcapng", "PCAPNG");

    /**
     * Expert-info lines of severity error (malformed packets, bad checksums) raised by the layers the writer
     * builds (Ethernet, IP, TCP, UDP); empty when the file is clean. Errors an application dissector raises
     * about the payload (random bytes on a port Wireshark assigns to some protocol) are not the writer's.
     */
    public static List<String> expertErrors(Path file) throws IOException, InterruptedException {
        String out = run(file, "-q", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-z", "expert,error");
        List<String> errors = new ArrayList<>();
        boolean inErrors = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("Errors (")) {
                inErrors = true;
                continue;
            }
            if (line.startsWith("Warns (") || line.startsWith("Notes (") || line.startsWith("Chats (")) {
                inErrors = false;
            }
            if (!inErrors || line.isBlank() || line.startsWith("=") || line.trim().startsWith("Frequency")) continue;
            String[] cols = line.trim().split("\\s+", 4);
            if (cols.length < 3 || FRAMING.contains(cols[2]) || !cols[0].matches("\\d+")) errors.add(line.trim());
        }
        return errors;
    }

    /** Number of packets in the file. */
    public static int packetCount(Path file) throws IOException, InterruptedException {
        String out = run(file, "-T", "fields", "-e", "frame.number");
        return (int) out.lines().filter(l -> !l.isBlank()).count();
    }
}
