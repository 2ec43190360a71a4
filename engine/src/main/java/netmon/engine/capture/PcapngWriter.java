package netmon.engine.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.protocol.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link CaptureSnapshot} as a pcapng file that Wireshark and {@code tshark} open as real
 * conversations. Each listener becomes an interface (Ethernet, named for its service and endpoint; outgoing
 * connections get one of their own). Each TCP connection becomes a synthetic Ethernet/IP/TCP conversation:
 * SYN, SYN-ACK, ACK at its open time; every kept chunk as data segments of at most {@link #maxSegment()}
 * bytes, each acknowledged; FIN/FIN-ACK/ACK for a clean close, RST for an aborted or lost one, nothing for
 * one still open. Sequence numbers follow the real stream offsets, so bytes that were not kept show as a gap
 * rather than a lie. Each UDP datagram becomes one UDP packet. IPv4 stays IPv4; IPv6 is written as IPv6.
 * Every packet carries a comment naming its connection.
 *
 * <p>Writing takes time proportional to the captured bytes: never call it on the reactor thread. Use
 * {@link #writeAsync} or a thread of your own.
 */
public final class PcapngWriter {
    private static final Logger log = LoggerFactory.getLogger(PcapngWriter.class);

    /** The largest TCP payload per segment: what fits in one IPv4 packet of 65535 bytes. */
    public static final int DEFAULT_MAX_SEGMENT = 65495;

    private static final int LINKTYPE_ETHERNET = 1;
    private static final int BLOCK_SHB = 0x0A0D0D0A;
    private static final int BLOCK_IDB = 1;
    private static final int BLOCK_EPB = 6;
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_DESCRIPTION = 3;
    private static final int IF_TSRESOL = 9;

    private final int maxSegment;

    /** A writer splitting data into segments of up to {@link #DEFAULT_MAX_SEGMENT} bytes. */
    public PcapngWriter() {
        this(DEFAULT_MAX_SEGMENT);
    }

    /** A writer splitting data into segments of up to {@code maxSegment} bytes (1 to 65495, e.g. 1460). */
    public PcapngWriter(int maxSegment) {
        if (maxSegment < 1 || maxSegment > DEFAULT_MAX_SEGMENT) {
            throw new IllegalArgumentException("maxSegment must be 1.." + DEFAULT_MAX_SEGMENT + ": " + maxSegment);
        }
        this.maxSegment = maxSegment;
    }

    /** The largest TCP payload written per segment. */
    public int maxSegment() { return maxSegment; }

    /**
     * Writes {@code snapshot} to {@code path} atomically: into a temporary file in the same directory, which is
     * forced to disk and then renamed over {@code path}. A crash leaves the old file (or none), never half of
     * a new one. Returns the number of packets written.
     */
    public long write(CaptureSnapshot snapshot, Path path) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = createTemporary(dir, target);
        boolean done = false;
        long packets;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                packets = write(snapshot, out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            forceDirectory(dir);
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
        return packets;
    }

    /**
     * A new empty file beside {@code target}, hidden, with a random name. Not {@code Files.createTempFile}: it
     * makes the file 0600, and the rename would keep that; a file created plainly gets the user's usual mode
     * (0666 less the umask), like any file the user saves.
     */
    private static Path createTemporary(Path dir, Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) throw e;
            }
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }

    /** Writes {@code snapshot} on a new thread; the future completes with {@code path} once it is renamed in place. */
    public CompletableFuture<Path> writeAsync(CaptureSnapshot snapshot, Path path) {
        return writeAsync(snapshot, path, r -> {
            Thread t = new Thread(r, "netmon-pcapng-writer");
            t.start();
        });
    }

    /** Writes {@code snapshot} on {@code executor}; the future completes with {@code path}, or with the I/O error. */
    public CompletableFuture<Path> writeAsync(CaptureSnapshot snapshot, Path path, Executor executor) {
        return writeAsyncCounting(snapshot, path, executor).thenApply(n -> path);
    }

    /**
     * Writes {@code snapshot} atomically to {@code path} on {@code executor}; the future completes with the number
     * of packets written (for a "wrote N packets" notice), or with the I/O error.
     */
    public CompletableFuture<Long> writeAsyncCounting(CaptureSnapshot snapshot, Path path, Executor executor) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                f.complete(write(snapshot, path));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** Writes {@code snapshot} as a pcapng stream to {@code out} (not closed); returns the number of packets. */
    public long write(CaptureSnapshot snapshot, OutputStream out) throws IOException {
        Block shb = new Block(BLOCK_SHB);
        shb.u32(0x1A2B3C4D).u16(1).u16(0).u64(-1L);
        shb.option(SHB_USERAPPL, "netmon");
        shb.endOptions();
        shb.writeTo(out);

        Map<Long, Integer> interfaces = new HashMap<>();
        int[] next = {0};
        for (ListenerInfo l : snapshot.listeners()) {
            interfaces.put(l.id(), next[0]++);
            writeInterface(out, l.service() + " " + l.protocol() + ":" + hostPort(l.host()), "netmon listener " + l.id());
        }
        java.util.function.LongFunction<Integer> iface = id -> interfaces.computeIfAbsent(id, k -> {
            String name = k == 0 ? "outgoing" : "listener " + k;
            try {
                writeInterface(out, name, k == 0 ? "netmon outgoing connections" : "netmon listener " + k);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return next[0]++;
        });

        List<Packet> packets = new ArrayList<>();
        try {
            for (CapturedConnection c : snapshot.connections()) tcpPackets(c, iface.apply(c.listenerId()), packets);
            for (CapturedFlow f : snapshot.flows()) udpPackets(f, iface.apply(f.listenerId()), packets);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        // Time order across conversations; the index keeps each conversation's own order on ties.
        packets.sort(Comparator.comparingLong((Packet p) -> p.ts).thenComparingLong(p -> p.index));
        int ipId = 0;
        for (Packet p : packets) {
            byte[] frame = p.frame(ipId++ & 0xffff, maxSegment);
            Block epb = new Block(BLOCK_EPB);
            epb.u32(p.iface).u32((int) (p.ts >>> 32)).u32((int) p.ts).u32(frame.length).u32(frame.length);
            epb.bytes(frame, 0, frame.length).pad();
            epb.option(OPT_COMMENT, p.comment);
            epb.endOptions();
            epb.writeTo(out);
        }
        return packets.size();
    }

    private static String hostPort(Address a) {
        return a == null ? "?" : a.hostPort();
    }

    private static void writeInterface(OutputStream out, String name, String description) throws IOException {
        Block idb = new Block(BLOCK_IDB);
        idb.u16(LINKTYPE_ETHERNET).u16(0).u32(0); // snaplen 0: no limit
        idb.option(IF_NAME, name);
        idb.option(IF_DESCRIPTION, description);
        idb.option(IF_TSRESOL, new byte[] {6}); // microseconds
        idb.endOptions();
        idb.writeTo(out);
    }

    // ---- conversations

    private static Frames.Side side(Address a, byte[] mac) {
        return a == null ? new Frames.Side(new byte[4], 0, mac) : new Frames.Side(Frames.ip(a.host()), a.port(), mac);
    }

    /** A deterministic initial sequence number, different per connection and side. */
    private static long isn(long id, int side) {
        long x = (id * 0x9E3779B97F4A7C15L) ^ (side * 0xC2B2AE3D27D4EB4FL);
        x ^= x >>> 29;
        return x & 0xffffffffL;
    }

    private void tcpPackets(CapturedConnection c, int iface, List<Packet> out) {
        Frames.Side host = side(c.host(), Frames.MAC_HOST);
        Frames.Side peer = side(c.peer(), Frames.MAC_PEER);
        long hostIsn = isn(c.id(), 1);
        long peerIsn = isn(c.id(), 2);
        Frames.Side client = c.outgoing() ? host : peer;
        Frames.Side server = c.outgoing() ? peer : host;
        long clientIsn = c.outgoing() ? hostIsn : peerIsn;
        long serverIsn = c.outgoing() ? peerIsn : hostIsn;
        String tag = "connection " + c.id();
        Conv conv = new Conv(iface, out);

        String opened = tag + " (" + c.service() + ", " + (c.outgoing() ? "outgoing to " : "from ") + hostPort(c.peer())
                + (c.notKept() > 0 ? ", " + c.notKept() + " bytes not kept" : "") + ")";
        conv.tcp(c.openedMicros(), client, server, clientIsn, 0, Frames.SYN, null, 0, 0, opened);
        conv.tcp(c.openedMicros(), server, client, serverIsn, clientIsn + 1, Frames.SYN | Frames.ACK, null, 0, 0, tag);
        conv.tcp(c.openedMicros(), client, server, clientIsn + 1, serverIsn + 1, Frames.ACK, null, 0, 0, tag);

        long keptIn = 0, keptOut = 0;
        for (Chunk k : c.chunks()) {
            boolean in = k.direction() == Direction.IN;
            Frames.Side src = in ? peer : host, dst = in ? host : peer;
            long srcIsn = in ? peerIsn : hostIsn, dstIsn = in ? hostIsn : peerIsn;
            long expected = in ? keptIn : keptOut;
            String comment = k.offset() > expected
                    ? tag + " (" + (k.offset() - expected) + " bytes " + (in ? "in" : "out") + " not kept before this)"
                    : tag;
            long ackOther = dstIsn + 1 + k.otherOffset();
            byte[] data = k.array();
            for (int i = 0; i < data.length; i += maxSegment) {
                int len = Math.min(maxSegment, data.length - i);
                boolean last = i + len >= data.length;
                long seq = srcIsn + 1 + k.offset() + i;
                conv.tcp(k.timeMicros(), src, dst, seq, ackOther, Frames.ACK | (last ? Frames.PSH : 0), data, i, len,
                        i == 0 ? comment : tag);
                conv.tcp(k.timeMicros(), dst, src, ackOther, seq + len, Frames.ACK, null, 0, 0, tag);
            }
            if (in) keptIn = k.offset() + data.length;
            else keptOut = k.offset() + data.length;
        }

        if (!c.isClosed()) return;
        long hostEnd = hostIsn + 1 + c.bytesOut();
        long peerEnd = peerIsn + 1 + c.bytesIn();
        long t = c.closedMicros();
        String closed = tag + " closed " + c.closeReason() + (c.closeMessage() != null ? ": " + c.closeMessage() : "");
        CloseReason r = c.closeReason();
        if (r == CloseReason.DONE) {
            boolean peerFirst = c.halfClosedMicros() < 0 || c.peerClosedFirst();
            Frames.Side a = peerFirst ? peer : host, b = peerFirst ? host : peer;
            long aEnd = peerFirst ? peerEnd : hostEnd, bEnd = peerFirst ? hostEnd : peerEnd;
            conv.tcp(t, a, b, aEnd, bEnd, Frames.FIN | Frames.ACK, null, 0, 0, closed);
            conv.tcp(t, b, a, bEnd, aEnd + 1, Frames.FIN | Frames.ACK, null, 0, 0, tag);
            conv.tcp(t, a, b, aEnd + 1, bEnd + 1, Frames.ACK, null, 0, 0, tag);
        } else if (r == CloseReason.LOST) {
            conv.tcp(t, peer, host, peerEnd, hostEnd, Frames.RST | Frames.ACK, null, 0, 0, closed);
        } else {
            conv.tcp(t, host, peer, hostEnd, peerEnd, Frames.RST | Frames.ACK, null, 0, 0, closed);
        }
    }

    private void udpPackets(CapturedFlow f, int iface, List<Packet> out) {
        Frames.Side host = side(f.host(), Frames.MAC_HOST);
        Frames.Side peer = side(f.peer(), Frames.MAC_PEER);
        String tag = (f.service() != null ? f.service() : "udp") + " flow " + hostPort(f.peer()) + " <-> "
                + hostPort(f.host());
        Conv conv = new Conv(iface, out);
        boolean first = true;
        for (Chunk k : f.datagrams()) {
            boolean in = k.direction() == Direction.IN;
            String comment = first && f.notKept() > 0 ? tag + " (" + f.notKept() + " bytes not kept)" : tag;
            first = false;
            conv.add(new Packet(k.timeMicros(), iface, comment, in ? peer : host, in ? host : peer, k.array()));
        }
    }

    /** Collects one conversation's packets, keeping their times non-decreasing so sorting keeps their order. */
    private static final class Conv {
        private final int iface;
        private final List<Packet> out;
        private long lastTs = Long.MIN_VALUE;

        Conv(int iface, List<Packet> out) {
            this.iface = iface;
            this.out = out;
        }

        void tcp(long ts, Frames.Side src, Frames.Side dst, long seq, long ack, int flags, byte[] data, int off,
                 int len, String comment) {
            add(new Packet(ts, iface, comment, src, dst, seq & 0xffffffffL, ack & 0xffffffffL, flags, data, off, len));
        }

        void add(Packet p) {
            if (p.ts < lastTs) p.ts = lastTs;
            lastTs = p.ts;
            p.index = out.size();
            out.add(p);
        }
    }

    /** A packet to be encoded once every packet is in time order (so only one frame is in memory at a time). */
    private static final class Packet {
        long ts;
        long index;
        final int iface;
        final String comment;
        final Frames.Side src, dst;
        final boolean udp;
        final long seq, ack;
        final int flags;
        final byte[] data;
        final int off, len;

        Packet(long ts, int iface, String comment, Frames.Side src, Frames.Side dst, long seq, long ack, int flags,
               byte[] data, int off, int len) {
            this.ts = ts;
            this.iface = iface;
            this.comment = comment;
            this.src = src;
            this.dst = dst;
            this.udp = false;
            this.seq = seq;
            this.ack = ack;
            this.flags = flags;
            this.data = data;
            this.off = off;
            this.len = len;
        }

        Packet(long ts, int iface, String comment, Frames.Side src, Frames.Side dst, byte[] datagram) {
            this.ts = ts;
            this.iface = iface;
            this.comment = comment;
            this.src = src;
            this.dst = dst;
            this.udp = true;
            this.seq = 0;
            this.ack = 0;
            this.flags = 0;
            this.data = datagram;
            this.off = 0;
            this.len = datagram.length;
        }

        byte[] frame(int ipId, int mss) {
            return udp ? Frames.udp(src, dst, data, ipId) : Frames.tcp(src, dst, seq, ack, flags, data, off, len, ipId, mss);
        }
    }

    /** A pcapng block under construction: little-endian fields, options, and the length at both ends. */
    private static final class Block {
        private ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

        Block(int type) {
            b.putInt(type).putInt(0);
        }

        private void room(int n) {
            if (b.remaining() >= n) return;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n + 64))
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.flip();
            bigger.put(b);
            b = bigger;
        }

        Block u16(int v) { room(2); b.putShort((short) v); return this; }
        Block u32(int v) { room(4); b.putInt(v); return this; }
        Block u64(long v) { room(8); b.putLong(v); return this; }

        Block bytes(byte[] a, int off, int len) {
            room(len);
            b.put(a, off, len);
            return this;
        }

        Block pad() {
            int p = (4 - (b.position() & 3)) & 3;
            room(p);
            for (int i = 0; i < p; i++) b.put((byte) 0);
            return this;
        }

        Block option(int code, String value) {
            return option(code, value.getBytes(StandardCharsets.UTF_8));
        }

        Block option(int code, byte[] value) {
            int len = Math.min(value.length, 0xffff);
            u16(code).u16(len).bytes(value, 0, len).pad();
            return this;
        }

        Block endOptions() {
            return u16(OPT_END).u16(0);
        }

        void writeTo(OutputStream out) throws IOException {
            room(4);
            int total = b.position() + 4;
            b.putInt(total);
            b.putInt(4, total);
            out.write(b.array(), 0, total);
        }
    }
}
