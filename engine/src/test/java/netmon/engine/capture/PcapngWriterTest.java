package netmon.engine.capture;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.protocol.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Writes captures of scripted monitor events and reads them back with tshark. */
@Timeout(120)
class PcapngWriterTest {
    static final ListenerInfo ECHO = new ListenerInfo(1, "echo", "tcp", new Address("TCP", "127.0.0.1", 7000));
    static final ListenerInfo UDP = new ListenerInfo(2, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7002));

    @TempDir Path dir;
    private final AtomicLong now = new AtomicLong(1_700_000_000_000_000L);

    private CaptureRecorder recorder(long budget) {
        CaptureRecorder r = new CaptureRecorder(budget, 100, () -> now.addAndGet(7));
        r.listenerStarted(ECHO);
        r.listenerStarted(UDP);
        return r;
    }

    static ConnectionInfo conn(long id, ListenerInfo l, String peerHost, int peerPort) {
        return new ConnectionInfo(id, l.id(), l.service(), "tcp", new Address("TCP", peerHost, peerPort), l.host(), 0,
                false);
    }

    /** Feeds {@code data} in as random chunks, each echoed back as the same chunk. */
    static void echo(CaptureRecorder r, long id, byte[] data, Random rnd) {
        int i = 0;
        while (i < data.length) {
            int n = Math.min(data.length - i, 1 + rnd.nextInt(70_000));
            r.bytesReceived(id, ByteBuffer.wrap(data, i, n));
            r.bytesSent(id, ByteBuffer.wrap(data, i, n));
            i += n;
        }
    }

    static void cleanClose(CaptureRecorder r, long id) {
        r.connectionStateChanged(id, ConnectionState.READ_CLOSED);
        r.connectionStateChanged(id, ConnectionState.CLOSING);
        r.connectionClosed(id, CloseReason.DONE, "Connection was closed cleanly.");
    }

    private Path write(CaptureRecorder r, PcapngWriter w) throws Exception {
        Path f = dir.resolve("c.pcapng");
        w.write(r.snapshot(), f);
        return f;
    }

    @Test
    void followedTcpStreamEqualsTheBytesSentAndEchoed() throws Exception {
        CaptureRecorder r = recorder(4 << 20);
        byte[] data = new byte[1 << 20];
        Random rnd = new Random(42);
        rnd.nextBytes(data);
        r.connectionOpened(conn(9, ECHO, "127.0.0.1", 51000));
        echo(r, 9, data, rnd);
        cleanClose(r, 9);
        Path f = write(r, new PcapngWriter());

        Tshark.Followed s = Tshark.followTcp(f, 0);
        assertEquals("127.0.0.1:51000", s.node0());
        assertEquals("127.0.0.1:7000", s.node1());
        assertArrayEquals(data, s.fromClient());
        assertArrayEquals(data, s.fromServer());
        assertEquals(List.of(), Tshark.expertErrors(f));
    }

    @Test
    void handshakeDataAndFinCarryConsistentFlagsAndComments() throws Exception {
        CaptureRecorder r = recorder(1 << 20);
        r.connectionOpened(conn(9, ECHO, "127.0.0.1", 51000));
        r.bytesReceived(9, ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        r.bytesSent(9, ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        cleanClose(r, 9);
        Path f = write(r, new PcapngWriter());
        String out = Tshark.run(f, "-T", "fields", "-E", "separator=|", "-e", "tcp.srcport", "-e", "tcp.flags.str",
                "-e", "tcp.seq", "-e", "tcp.ack", "-e", "tcp.len", "-e", "frame.comment", "-o", "tcp.relative_sequence_numbers:TRUE");
        List<String> lines = out.lines().toList();
        assertEquals(10, lines.size(), out);
        // tcp.flags.str lists the set flags in the order A, P, R, S, F (dots for the unset ones).
        List<String> expectedFlags = List.of("S", "AS", "A", "AP", "A", "AP", "A", "AF", "AF", "A");
        for (int i = 0; i < expectedFlags.size(); i++) {
            String flags = lines.get(i).split("\\|")[1].replaceAll("[^A-Z]", "");
            assertEquals(expectedFlags.get(i), flags, "packet " + (i + 1) + ": " + lines.get(i));
        }
        // Relative seq/ack: the echo's data and the FINs land where a real stack would put them.
        assertEquals("51000|1|1|5", fields(lines.get(3), 0, 2, 3, 4));
        assertEquals("7000|1|6|5", fields(lines.get(5), 0, 2, 3, 4));
        assertEquals("51000|6|6|0", fields(lines.get(7), 0, 2, 3, 4));
        assertEquals("7000|6|7|0", fields(lines.get(8), 0, 2, 3, 4));
        for (String l : lines) assertTrue(l.contains("connection 9"), l);
        assertEquals(List.of(), Tshark.expertErrors(f));
    }

    private static String fields(String line, int... idx) {
        String[] f = line.split("\\|");
        StringBuilder b = new StringBuilder();
        for (int i : idx) b.append(b.length() == 0 ? "" : "|").append(f[i]);
        return b.toString();
    }

    @Test
    void smallSegmentsStillFollowAsOneStream() throws Exception {
        CaptureRecorder r = recorder(1 << 20);
        byte[] data = new byte[200_000];
        Random rnd = new Random(7);
        rnd.nextBytes(data);
        r.connectionOpened(conn(3, ECHO, "127.0.0.1", 51001));
        echo(r, 3, data, rnd);
        cleanClose(r, 3);
        Path f = write(r, new PcapngWriter(1460));
        Tshark.Followed s = Tshark.followTcp(f, 0);
        assertArrayEquals(data, s.fromClient());
        assertArrayEquals(data, s.fromServer());
        assertTrue(Tshark.packetCount(f) > 2 * 200_000 / 1460);
        assertEquals(List.of(), Tshark.expertErrors(f));
    }

    @Test
    void abortedAndLostConnectionsEndWithRst() throws Exception {
        CaptureRecorder r = recorder(1 << 20);
        r.connectionOpened(conn(1, ECHO, "127.0.0.1", 51001));
        r.bytesReceived(1, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        r.connectionClosed(1, CloseReason.ABORTED, "aborted");
        r.connectionOpened(conn(2, ECHO, "127.0.0.1", 51002));
        r.connectionClosed(2, CloseReason.LOST, "reset by peer");
        Path f = write(r, new PcapngWriter());
        String out = Tshark.run(f, "-Y", "tcp.flags.reset==1", "-T", "fields", "-e", "tcp.srcport", "-e", "tcp.dstport");
        assertEquals(List.of("7000\t51001", "51002\t7000"), out.lines().toList());
        assertEquals(List.of(), Tshark.expertErrors(f));
    }

    @Test
    void bytesNotKeptShowAsASequenceGapNotAsData() throws Exception {
        CaptureRecorder r = recorder(10);
        r.connectionOpened(conn(4, ECHO, "127.0.0.1", 51004));
        r.bytesReceived(4, ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.UTF_8)));
        r.bytesReceived(4, ByteBuffer.wrap("abcdef".getBytes(StandardCharsets.UTF_8)));
        cleanClose(r, 4);
        Path f = write(r, new PcapngWriter());
        String out = Tshark.run(f, "-Y", "tcp.len>0", "-T", "fields", "-e", "tcp.seq", "-e", "tcp.len",
                "-e", "frame.comment", "-o", "tcp.relative_sequence_numbers:TRUE");
        List<String> lines = out.lines().toList();
        assertEquals(1, lines.size(), out);
        assertTrue(lines.get(0).startsWith("11\t6\t"), lines.get(0));
        assertTrue(lines.get(0).contains("10 bytes in not kept"), lines.get(0));
        // The FIN comes after the whole stream, gap included.
        String fin = Tshark.run(f, "-Y", "tcp.flags.fin==1 && tcp.srcport==51004", "-T", "fields", "-e", "tcp.seq",
                "-o", "tcp.relative_sequence_numbers:TRUE");
        assertEquals("17", fin.trim());
        assertEquals(List.of(), Tshark.expertErrors(f));
    }

    @Test
    void udpDatagramsAreWrittenAsUdpWithTheirPayloads() throws Exception {
        CaptureRecorder r = recorder(1 << 20);
        Address peer = new Address("UDP", "127.0.0.1", 40000);
        List<String> payloads = List.of("ping", "a longer datagram", "x");
        for (String p : payloads) {
            r.datagramReceived(UDP.id(), peer, ByteBuffer.wrap(p.getBytes(StandardCharsets.UTF_8)));
            r.datagramSent(UDP.id(), peer, ByteBuffer.wrap(p.getBytes(StandardCharsets.UTF_8)));
        }
        Path f = write(r, new PcapngWriter());
        List<String> got = Tshark.udpPayloads(f).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("ping", "ping", "a longer datagram", "a longer datagram", "x", "x"), got);
        String ports = Tshark.run(f, "-T", "fields", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "frame.interface_name");
        assertEquals("40000\t7002\tudp-echo udp:127.0.0.1:7002", ports.lines().findFirst().orElseThrow());
        assertEquals(List.of(), Tshark.expertErrors(f));
    }

    @Test
    void ipv6ConnectionsAreWrittenAsIpv6() throws Exception {
        ListenerInfo l6 = new ListenerInfo(5, "echo", "tcp", new Address("TCP", "::1", 7005));
        CaptureRecorder r = recorder(1 << 20);
        r.listenerStarted(l6);
        r.connectionOpened(new ConnectionInfo(6, 5, "echo", "tcp", new Address("TCP", "::1", 52000), l6.host(), 0, false));
        r.bytesReceived(6, ByteBuffer.wrap("six".getBytes(StandardCharsets.UTF_8)));
        r.bytesSent(6, ByteBuffer.wrap("six".getBytes(StandardCharsets.UTF_8)));
        cleanClose(r, 6);
        Path f = write(r, new PcapngWriter());
        Tshark.Followed s = Tshark.followTcp(f, 0);
        assertEquals("[::1]:52000", s.node0());
        assertEquals("six", new String(s.fromClient(), StandardCharsets.UTF_8));
        assertEquals("six", new String(s.fromServer(), StandardCharsets.UTF_8));
        assertEquals(List.of(), Tshark.expertErrors(f));
    }

    @Test
    void oneInterfacePerListenerPlusOneForOutgoing() throws Exception {
        CaptureRecorder r = recorder(1 << 20);
        r.connectionOpened(conn(1, ECHO, "127.0.0.1", 51001));
        r.connectionOpened(new ConnectionInfo(2, 0, "client", "tcp", new Address("TCP", "127.0.0.1", 9000),
                new Address("TCP", "127.0.0.1", 52001), 0, true));
        Path f = write(r, new PcapngWriter());
        String out = Tshark.run(f, "-Y", "tcp.flags.syn==1 && tcp.flags.ack==0", "-T", "fields",
                "-e", "frame.interface_name", "-e", "tcp.srcport", "-e", "tcp.dstport");
        assertEquals(List.of("echo tcp:127.0.0.1:7000\t51001\t7000", "outgoing\t52001\t9000"), out.lines().toList());
    }

    @Test
    void theCountingWriteReportsThePacketsTsharkReads() throws Exception {
        CaptureRecorder r = recorder(1 << 20);
        r.connectionOpened(conn(9, ECHO, "127.0.0.1", 51000));
        echo(r, 9, new byte[5000], new Random(1));
        cleanClose(r, 9);
        Path f = dir.resolve("counted.pcapng");
        long n = new PcapngWriter().writeAsyncCounting(r.snapshot(), f, Runnable::run).get(30, TimeUnit.SECONDS);
        assertEquals(Tshark.packetCount(f), n);
        assertTrue(n > 3, "handshake and data: " + n);
    }

    @Test
    void writeReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        CaptureRecorder r = recorder(1 << 20);
        r.connectionOpened(conn(1, ECHO, "127.0.0.1", 51001));
        Path f = dir.resolve("c.pcapng");
        Files.writeString(f, "old");
        Path written = new PcapngWriter().writeAsync(r.snapshot(), f).get(30, TimeUnit.SECONDS);
        assertEquals(f, written);
        byte[] head = Files.readAllBytes(f);
        assertEquals(0x0A, head[0]);
        assertEquals(0x0D, head[1]);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
        assertEquals(3, Tshark.packetCount(f));
    }

    @Test
    void theWrittenFileGetsTheUsersUsualModeNotAPrivateOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path usual = Files.createFile(dir.resolve("plain.txt")); // what the umask gives any new file here
        CaptureRecorder r = recorder(1 << 20);
        r.connectionOpened(conn(1, ECHO, "127.0.0.1", 51001));
        Path f = write(r, new PcapngWriter());
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(f));
        assertTrue(Files.getPosixFilePermissions(f).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path f = dir.resolve("c.pcapng");
        Files.writeString(f, "old");
        CaptureSnapshot broken = new CaptureSnapshot(0, List.of(), List.of(
                new CapturedConnection(1, 1, "echo", null, null, false, 0, -1, false, -1, null, null, 0, 0, 0, null)),
                List.of());
        assertThrows(Exception.class, () -> new PcapngWriter().write(broken, f));
        assertEquals("old", Files.readString(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void writesToAStreamWithBlocksOfMultipleOfFourLengths() throws Exception {
        CaptureRecorder r = recorder(1 << 20);
        r.connectionOpened(conn(1, ECHO, "127.0.0.1", 51001));
        r.bytesReceived(1, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        new PcapngWriter().write(r.snapshot(), o);
        ByteBuffer b = ByteBuffer.wrap(o.toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int blocks = 0;
        while (b.hasRemaining()) {
            int start = b.position();
            b.getInt();
            int len = b.getInt();
            assertEquals(0, len % 4);
            assertEquals(len, b.getInt(start + len - 4));
            b.position(start + len);
            blocks++;
        }
        assertEquals(1 + 2 + 5, blocks); // SHB, two IDBs, handshake + data + its ACK
    }
}
