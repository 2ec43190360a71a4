package netmon.engine.capture;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.protocol.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives the recorder through its MonitorListener methods directly, with a fake clock. */
@Timeout(20)
class CaptureRecorderTest {
    static final Address HOST = new Address("TCP", "127.0.0.1", 7000);
    static final ListenerInfo ECHO = new ListenerInfo(1, "echo", "tcp", HOST);
    static final ListenerInfo CHAT = new ListenerInfo(2, "chat", "tcp", new Address("TCP", "127.0.0.1", 7001));
    static final ListenerInfo UDP = new ListenerInfo(3, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7002));

    private final AtomicLong now = new AtomicLong(1_000_000);

    private CaptureRecorder recorder(long budget, int max) {
        CaptureRecorder r = new CaptureRecorder(budget, max, () -> now.addAndGet(10));
        r.listenerStarted(ECHO);
        r.listenerStarted(CHAT);
        r.listenerStarted(UDP);
        return r;
    }

    static ConnectionInfo conn(long id, ListenerInfo l) {
        return new ConnectionInfo(id, l.id(), l.service(), "tcp", new Address("TCP", "127.0.0.1", 50000 + (int) id),
                l.host(), 0, false);
    }

    static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static String text(Chunk c) {
        return new String(c.bytes(), StandardCharsets.UTF_8);
    }

    static String stream(CapturedConnection c, Direction d) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Chunk k : c.chunks()) if (k.direction() == d) o.writeBytes(k.bytes());
        return o.toString(StandardCharsets.UTF_8);
    }

    @Test
    void chunksAreStampedWithTheTimeTheirReactorWokeUp() {
        MonitorHub hub = new MonitorHub();
        CaptureRecorder r = new CaptureRecorder(1 << 20, 100, hub);
        hub.add(r);
        long before = System.currentTimeMillis() * 1000;
        // Before the reactor's first wake-up the clock itself is read.
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("ping"));
        long woke = System.nanoTime();
        hub.woke(woke);
        r.bytesSent(5, buf("pi"));
        r.bytesSent(5, buf("ng"));
        hub.woke(woke + 2_500_000); // the next iteration, 2.5 ms later
        r.bytesReceived(5, buf("again"));
        List<Chunk> ks = r.connection(5).orElseThrow().chunks();
        long first = ks.get(0).timeMicros();
        assertTrue(Math.abs(first - before) < 60_000_000, "wall-clock time, not a raw nanoTime: " + first);
        assertTrue(ks.get(1).timeMicros() >= first, "not before the chunk read earlier");
        assertEquals(ks.get(1).timeMicros(), ks.get(2).timeMicros(), "one iteration, one time");
        assertEquals(2_500, ks.get(3).timeMicros() - ks.get(2).timeMicros(), "the next wake-up's time");
    }

    @Test
    void chunksAreKeptInOrderWithDirectionsTimesAndOffsets() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("hello"));
        r.bytesSent(5, buf("hel"));
        r.bytesSent(5, buf("lo"));
        r.bytesReceived(5, buf("!"));
        CapturedConnection c = r.connection(5).orElseThrow();
        List<Chunk> ks = c.chunks();
        assertEquals(List.of("hello", "hel", "lo", "!"), ks.stream().map(CaptureRecorderTest::text).toList());
        assertEquals(List.of(Direction.IN, Direction.OUT, Direction.OUT, Direction.IN),
                ks.stream().map(Chunk::direction).toList());
        assertEquals(List.of(0L, 0L, 3L, 5L), ks.stream().map(Chunk::offset).toList());
        assertEquals(List.of(0L, 5L, 5L, 5L), ks.stream().map(Chunk::otherOffset).toList());
        for (int i = 1; i < ks.size(); i++) assertTrue(ks.get(i).timeMicros() > ks.get(i - 1).timeMicros());
        assertEquals(6, c.bytesIn());
        assertEquals(5, c.bytesOut());
        assertEquals(0, c.notKept());
        assertEquals("echo", c.service());
        assertEquals(ECHO.id(), c.listenerId());
        assertFalse(c.isClosed());
    }

    @Test
    void lentBufferIsCopiedAndItsPositionLeftAlone() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.connectionOpened(conn(5, ECHO));
        ByteBuffer b = ByteBuffer.wrap("xxabcyy".getBytes(StandardCharsets.UTF_8));
        b.position(2).limit(5);
        r.bytesReceived(5, b);
        assertEquals(2, b.position());
        assertEquals(5, b.limit());
        b.put(2, (byte) 'Z');
        assertEquals("abc", text(r.connection(5).orElseThrow().chunks().get(0)));
    }

    @Test
    void closeAndHalfCloseAreRecorded() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.connectionOpened(conn(5, ECHO));
        r.connectionStateChanged(5, ConnectionState.READ_CLOSED);
        r.connectionStateChanged(5, ConnectionState.CLOSING);
        r.connectionClosed(5, CloseReason.DONE, "Connection was closed cleanly.");
        CapturedConnection c = r.connection(5).orElseThrow();
        assertTrue(c.isClosed());
        assertTrue(c.peerClosedFirst());
        assertTrue(c.halfClosedMicros() > c.openedMicros());
        assertTrue(c.closedMicros() > c.halfClosedMicros());
        assertEquals(CloseReason.DONE, c.closeReason());
        assertEquals("Connection was closed cleanly.", c.closeMessage());
    }

    @Test
    void overBudgetTheOldestChunksAreDroppedAndCountedAsNotKept() {
        CaptureRecorder r = recorder(10, 100);
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("aaaa"));
        r.bytesSent(5, buf("bbbb"));
        r.bytesReceived(5, buf("cc"));
        assertEquals(0, r.connection(5).orElseThrow().notKept());
        r.bytesSent(5, buf("ddd")); // 13 > 10: "aaaa" goes
        CapturedConnection c = r.connection(5).orElseThrow();
        assertEquals(List.of("bbbb", "cc", "ddd"), c.chunks().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(4, c.notKept());
        assertEquals(6, c.bytesIn());
        assertEquals(7, c.bytesOut());
        // The kept IN chunk still knows where it sits in the stream.
        assertEquals(4, c.chunks().get(1).offset());
        r.bytesReceived(5, buf("eeeeeeee")); // 17 > 10: "bbbb" and "cc" and "ddd" go
        c = r.connection(5).orElseThrow();
        assertEquals(List.of("eeeeeeee"), c.chunks().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(13, c.notKept());
        assertEquals(c.bytesIn() + c.bytesOut() - c.notKept(), c.chunks().stream().mapToLong(Chunk::size).sum());
    }

    @Test
    void aChunkBiggerThanTheBudgetKeepsItsTail() {
        CaptureRecorder r = recorder(4, 100);
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("0123456789"));
        CapturedConnection c = r.connection(5).orElseThrow();
        assertEquals("6789", text(c.chunks().get(0)));
        assertEquals(6, c.chunks().get(0).offset());
        assertEquals(6, c.notKept());
    }

    @Test
    void aFloodOfTinyChunksKeepsAtMostOneChunkPer32BytesOfBudget() {
        CaptureRecorder r = recorder(32 * 100, 100);
        r.connectionOpened(conn(5, ECHO));
        for (int i = 0; i < 1000; i++) r.bytesReceived(5, ByteBuffer.wrap(new byte[] {(byte) i}));
        CapturedConnection c = r.connection(5).orElseThrow();
        assertEquals(100, c.chunks().size());
        assertEquals(900, c.notKept());
        assertEquals(900, c.chunks().get(0).offset());
        assertEquals((byte) 999, c.chunks().get(99).byteAt(0));
    }

    @Test
    void theRingWrapsAndGrowsWithoutMixingUpBytes() {
        CaptureRecorder r = recorder(10_000, 100);
        r.connectionOpened(conn(5, ECHO));
        java.util.Random rnd = new java.util.Random(5);
        byte[] all = new byte[200_000];
        rnd.nextBytes(all);
        int i = 0;
        while (i < all.length) {
            int n = Math.min(all.length - i, 1 + rnd.nextInt(3000));
            r.bytesReceived(5, ByteBuffer.wrap(all, i, n));
            i += n;
            CapturedConnection c = r.connection(5).orElseThrow();
            for (Chunk k : c.chunks()) {
                assertArrayEquals(java.util.Arrays.copyOfRange(all, (int) k.offset(), (int) k.offset() + k.size()),
                        k.bytes(), "chunk " + k);
            }
            assertTrue(c.chunks().stream().mapToLong(Chunk::size).sum() <= 10_000);
        }
    }

    @Test
    void loweringTheBudgetTrimsAtOnce() {
        CaptureRecorder r = recorder(100, 100);
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("aaaa"));
        r.bytesReceived(5, buf("bb"));
        r.setByteBudget(3);
        CapturedConnection c = r.connection(5).orElseThrow();
        assertEquals(List.of("bb"), c.chunks().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(4, c.notKept());
    }

    @Test
    void listenerSwitchedOffByIdIsTrackedAndCountedButKeepsNoBytesWhileOthersDo() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.setListenerEnabled(ECHO.id(), false);
        assertFalse(r.isCapturing(ECHO.id(), "echo"));
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("secret"));
        r.bytesSent(5, buf("secret!"));
        r.connectionOpened(conn(6, CHAT));
        r.bytesReceived(6, buf("hi"));
        CapturedConnection off = r.connection(5).orElseThrow();
        assertTrue(off.chunks().isEmpty());
        assertEquals(6, off.bytesIn());
        assertEquals(7, off.bytesOut());
        assertEquals(13, off.notKept());
        assertFalse(r.isCapturing(off.listenerId(), off.service()), "a viewer can tell why it has no bytes");
        assertTrue(r.isCapturing(CHAT.id(), "chat"));
        assertEquals("hi", stream(r.connection(6).orElseThrow(), Direction.IN));
        r.setListenerEnabled(ECHO.id(), true);
        r.connectionOpened(conn(7, ECHO));
        r.bytesReceived(7, buf("later"));
        assertEquals("later", stream(r.connection(7).orElseThrow(), Direction.IN));
    }

    @Test
    void serviceSwitchedOffIsTrackedWithoutBytesIncludingItsUdpFlows() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.setServiceEnabled("udp-echo", false);
        r.setServiceEnabled("chat", false);
        Address peer = new Address("UDP", "127.0.0.1", 40000);
        r.datagramReceived(UDP.id(), peer, buf("ping"));
        r.connectionOpened(conn(6, CHAT));
        r.bytesReceived(6, buf("hello\n"));
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("kept"));
        CaptureSnapshot s = r.snapshot();
        CapturedFlow f = s.flows().get(0);
        assertEquals(List.of(), f.datagrams());
        assertEquals(1, f.datagramsIn());
        assertEquals(4, f.bytesIn());
        assertFalse(r.isCapturing(f.listenerId(), f.service()));
        assertEquals(List.of(6L, 5L), s.connections().stream().map(CapturedConnection::id).toList());
        assertEquals(List.of(), s.connection(6).orElseThrow().chunks());
        assertEquals(6, s.connection(6).orElseThrow().bytesIn());
        assertEquals("kept", stream(s.connection(5).orElseThrow(), Direction.IN));
    }

    @Test
    void switchingOffMidConnectionCountsBytesButKeepsNone() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("one"));
        r.setListenerEnabled(ECHO.id(), false);
        r.bytesReceived(5, buf("two"));
        r.setListenerEnabled(ECHO.id(), true);
        r.bytesReceived(5, buf("three"));
        CapturedConnection c = r.connection(5).orElseThrow();
        assertEquals(List.of("one", "three"), c.chunks().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(6, c.chunks().get(1).offset());
        assertEquals(3, c.notKept());
        assertEquals(11, c.bytesIn());
    }

    @Test
    void globalSwitchOffStopsTrackingNewConnectionsAndFlows() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.setEnabled(false);
        r.connectionOpened(conn(5, ECHO));
        r.datagramReceived(UDP.id(), new Address("UDP", "127.0.0.1", 40000), buf("x"));
        assertEquals(0, r.trackedCount());
        r.setEnabled(true);
        r.connectionOpened(conn(6, ECHO));
        assertEquals(1, r.trackedCount());
    }

    @Test
    void theMemoryOfForgottenConnectionsServesTheNextOnes() {
        CaptureRecorder r = recorder(1 << 20, 2);
        ByteBuffer kib = ByteBuffer.allocate(1024);
        for (long id = 1; id <= 50; id++) {
            r.connectionOpened(conn(id, ECHO)); // from the third on, forgets the oldest closed one
            for (int i = 0; i < 64; i++) {
                r.bytesReceived(id, kib);
                kib.clear();
            }
            r.connectionClosed(id, CloseReason.DONE, "Connection was closed cleanly.");
        }
        assertEquals(2, r.snapshot().connections().size());
        // 64 KiB a connection: 16 byte pages and a metadata page. Fifty connections without reuse would take
        // 850 pages; reusing, the pool holds what three at once need, and a slab of slack.
        long perConnection = 17L * ChunkRing.PAGE;
        assertTrue(r.directBytes() <= 3 * perConnection + PagePool.SLAB_MAX, r.directBytes() + " bytes");
        assertEquals(64 * 1024, stream(r.snapshot().connections().get(1), Direction.IN).length(),
                "the newest connection's bytes are whole in reused pages");
    }

    @Test
    void theCapEvictsTheOldestClosedConnectionFirst() {
        CaptureRecorder r = recorder(1 << 20, 3);
        for (long id = 1; id <= 3; id++) r.connectionOpened(conn(id, ECHO));
        r.connectionClosed(3, CloseReason.DONE, null);
        r.connectionClosed(2, CloseReason.DONE, null);
        r.connectionOpened(conn(4, ECHO)); // evicts 3: closed first
        assertEquals(List.of(1L, 2L, 4L), ids(r));
        r.connectionOpened(conn(5, ECHO)); // evicts 2
        assertEquals(List.of(1L, 4L, 5L), ids(r));
        r.connectionOpened(conn(6, ECHO)); // none closed: the oldest open, 1
        assertEquals(List.of(4L, 5L, 6L), ids(r));
        r.bytesReceived(1, buf("ignored"));
        assertTrue(r.connection(1).isEmpty());
    }

    @Test
    void udpFlowsCountAgainstTheCapAndCloseWithTheirListener() {
        CaptureRecorder r = recorder(1 << 20, 2);
        Address a = new Address("UDP", "127.0.0.1", 40001);
        Address b = new Address("UDP", "127.0.0.1", 40002);
        r.datagramReceived(UDP.id(), a, buf("a1"));
        r.connectionOpened(conn(5, ECHO));
        r.listenerStopped(UDP);
        assertTrue(r.flow(UDP.id(), a).orElseThrow().closed());
        r.datagramReceived(UDP.id(), b, buf("b1")); // evicts flow a, closed
        assertTrue(r.flow(UDP.id(), a).isEmpty());
        assertEquals(2, r.trackedCount());
    }

    @Test
    void datagramsAreGroupedPerPeerInOrder() {
        CaptureRecorder r = recorder(1 << 20, 100);
        Address a = new Address("UDP", "127.0.0.1", 40001);
        Address b = new Address("UDP", "127.0.0.1", 40002);
        r.datagramReceived(UDP.id(), a, buf("a1"));
        r.datagramReceived(UDP.id(), b, buf("b1"));
        r.datagramSent(UDP.id(), a, buf("a1"));
        r.datagramReceived(UDP.id(), a, buf(""));
        CapturedFlow fa = r.flow(UDP.id(), a).orElseThrow();
        assertEquals(List.of("a1", "a1", ""), fa.datagrams().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(List.of(Direction.IN, Direction.OUT, Direction.IN),
                fa.datagrams().stream().map(Chunk::direction).toList());
        assertEquals(2, fa.datagramsIn());
        assertEquals(1, fa.datagramsOut());
        assertEquals("udp-echo", fa.service());
        assertEquals(UDP.host(), fa.host());
        assertEquals(List.of(a, b), r.snapshot().flows().stream().map(CapturedFlow::peer).toList());
    }

    @Test
    void peersOnTheSamePortOrHostStillGetTheirOwnFlows() {
        // Same port on two hosts, and the same peer on two listeners: one recent-flow slot, three flows.
        CaptureRecorder r = recorder(1 << 20, 100);
        ListenerInfo udp2 = new ListenerInfo(4, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7003));
        r.listenerStarted(udp2);
        Address a = new Address("UDP", "127.0.0.1", 40001);
        Address b = new Address("UDP", "127.0.0.2", 40001);
        for (int i = 0; i < 3; i++) {
            r.datagramReceived(UDP.id(), a, buf("a" + i));
            r.datagramReceived(UDP.id(), b, buf("b" + i));
            r.datagramReceived(udp2.id(), new Address("UDP", "127.0.0.1", 40001), buf("c" + i));
        }
        assertEquals(List.of("a0", "a1", "a2"), r.flow(UDP.id(), a).orElseThrow().datagrams().stream()
                .map(CaptureRecorderTest::text).toList());
        assertEquals(List.of("b0", "b1", "b2"), r.flow(UDP.id(), b).orElseThrow().datagrams().stream()
                .map(CaptureRecorderTest::text).toList());
        assertEquals(List.of("c0", "c1", "c2"), r.flow(udp2.id(), a).orElseThrow().datagrams().stream()
                .map(CaptureRecorderTest::text).toList());
        assertEquals(3, r.trackedCount());
    }

    @Test
    void aFlowForgottenAndHeardAgainStartsAfresh() {
        CaptureRecorder r = recorder(1 << 20, 100);
        Address a = new Address("UDP", "127.0.0.1", 40001);
        r.datagramReceived(UDP.id(), a, buf("old"));
        r.clear();
        r.datagramReceived(UDP.id(), a, buf("new"));
        CapturedFlow f = r.flow(UDP.id(), a).orElseThrow();
        assertEquals(List.of("new"), f.datagrams().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(1, f.datagramsIn());
        assertEquals(1, r.trackedCount());
    }

    @Test
    void aDatagramOverTheBudgetIsNotKeptAtAll() {
        CaptureRecorder r = recorder(4, 100);
        Address a = new Address("UDP", "127.0.0.1", 40001);
        r.datagramReceived(UDP.id(), a, buf("abc"));
        r.datagramReceived(UDP.id(), a, buf("toolong"));
        r.datagramReceived(UDP.id(), a, buf("xy")); // 5 > 4: "abc" goes
        CapturedFlow f = r.flow(UDP.id(), a).orElseThrow();
        assertEquals(List.of("xy"), f.datagrams().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(10, f.notKept());
        assertEquals(3, f.datagramsIn());
    }

    @Test
    void snapshotsTakenWhileRecordingAreConsistent() throws Exception {
        CaptureRecorder r = new CaptureRecorder(1000, 100);
        r.listenerStarted(ECHO);
        r.connectionOpened(conn(5, ECHO));
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            byte[] b = new byte[7];
            for (int i = 0; i < 200_000 && !stop.get(); i++) {
                b[0] = (byte) i;
                r.bytesReceived(5, ByteBuffer.wrap(b));
                r.bytesSent(5, ByteBuffer.wrap(b, 0, 3));
            }
        });
        writer.start();
        try {
            for (int n = 0; n < 200; n++) {
                CapturedConnection c = r.snapshot().connection(5).orElseThrow();
                long keptBytes = c.chunks().stream().mapToLong(Chunk::size).sum();
                assertTrue(keptBytes <= 1000, "kept " + keptBytes);
                assertEquals(c.bytesIn() + c.bytesOut() - c.notKept(), keptBytes);
                long nextIn = -1, nextOut = -1;
                for (Chunk k : c.chunks()) {
                    if (k.direction() == Direction.IN) {
                        assertTrue(nextIn < 0 || k.offset() == nextIn);
                        nextIn = k.offset() + k.size();
                    } else {
                        assertTrue(nextOut < 0 || k.offset() == nextOut);
                        nextOut = k.offset() + k.size();
                    }
                }
            }
        } finally {
            stop.set(true);
            writer.join(10_000);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void readersCopyingWhileTheWriterWrapsTheRingNeverSeeTornBytes() throws Exception {
        // A small ring wrapped thousands of times while other threads copy: every byte of every chunk a reader
        // gets must be the byte written at that stream offset, whatever the writer overwrote meanwhile.
        CaptureRecorder r = new CaptureRecorder(4096, 100);
        r.listenerStarted(ECHO);
        r.connectionOpened(conn(5, ECHO));
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            byte[] b = new byte[1500];
            long off = 0;
            Random rnd = new Random(11);
            for (int i = 0; i < 300_000 && !stop.get(); i++) {
                int n = 1 + rnd.nextInt(b.length);
                for (int k = 0; k < n; k++) b[k] = (byte) ((off + k) * 31 >>> 3);
                r.bytesReceived(5, ByteBuffer.wrap(b, 0, n));
                off += n;
            }
        });
        writer.start();
        try {
            long seen = -1;
            for (int n = 0; n < 3_000 && writer.isAlive(); n++) {
                CapturedConnection c = n % 2 == 0 ? r.connection(5).orElseThrow() : r.connection(5, seen).orElseThrow();
                long kept = 0;
                for (Chunk k : c.chunks()) {
                    for (int i = 0; i < k.size(); i++) {
                        assertEquals((byte) ((k.offset() + i) * 31 >>> 3), k.byteAt(i), "chunk " + k + " byte " + i);
                    }
                    kept += k.size();
                    seen = Math.max(seen, k.seq());
                }
                if (n % 2 == 0) {
                    assertTrue(kept <= 4096, "kept " + kept);
                    assertEquals(c.bytesIn() - c.notKept(), kept, "counters agree with the chunks copied");
                    if (!c.chunks().isEmpty()) assertEquals(c.firstSeq(), c.chunks().get(0).seq());
                }
            }
        } finally {
            stop.set(true);
            writer.join(10_000);
        }
    }

    @Test
    void chunksAreNumberedSoAViewerCopiesOnlyWhatIsNew() {
        CaptureRecorder r = recorder(10, 100);
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("abcd"));
        r.bytesSent(5, buf("efgh"));
        CapturedConnection all = r.connection(5, -1).orElseThrow();
        assertEquals(List.of(0L, 1L), all.chunks().stream().map(Chunk::seq).toList());
        assertEquals(0, all.firstSeq());
        r.bytesReceived(5, buf("ijkl")); // 12 > 10: "abcd" goes
        CapturedConnection tail = r.connection(5, 1).orElseThrow();
        assertEquals(List.of("ijkl"), tail.chunks().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(2, tail.chunks().get(0).seq());
        assertEquals(1, tail.firstSeq(), "the oldest kept is now #1");
        assertEquals(List.of(1L, 2L), r.connection(5, -1).orElseThrow().chunks().stream().map(Chunk::seq).toList());
        assertEquals(List.of(), r.connection(5, 2).orElseThrow().chunks());
        assertEquals(List.of(), r.connection(5, Long.MAX_VALUE).orElseThrow().chunks());
        assertEquals(4, tail.notKept());
    }

    @Test
    void summaryListsEverythingTrackedWithoutBytes() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.connectionOpened(conn(5, ECHO));
        r.bytesReceived(5, buf("hello"));
        r.datagramReceived(UDP.id(), new Address("UDP", "127.0.0.1", 6000), buf("d"));
        CaptureSnapshot s = r.summary();
        assertEquals(1, s.connections().size());
        assertEquals(5, s.connections().get(0).bytesIn());
        assertTrue(s.connections().get(0).chunks().isEmpty());
        assertEquals(0, s.connections().get(0).firstSeq(), "the oldest kept chunk, still #0");
        assertEquals(1, s.flows().size());
        assertTrue(s.flows().get(0).datagrams().isEmpty());
    }

    @Test
    void aFlowIsFoundByItsPeersHostAndPort() {
        CaptureRecorder r = recorder(1 << 20, 100);
        Address peer = new Address("UDP", "127.0.0.1", 6000);
        r.datagramReceived(UDP.id(), peer, buf("one"));
        r.datagramSent(UDP.id(), peer, buf("one"));
        CapturedFlow f = r.flow(UDP.id(), "127.0.0.1:6000", 0).orElseThrow();
        assertEquals(List.of(Direction.OUT), f.datagrams().stream().map(Chunk::direction).toList());
        assertTrue(r.flow(UDP.id(), "127.0.0.1:6001", -1).isEmpty());
        assertTrue(r.flow(ECHO.id(), "127.0.0.1:6000", -1).isEmpty());
    }

    @Test
    void theListenerAndServiceSwitchesReadBack() {
        CaptureRecorder r = recorder(1 << 20, 100);
        assertTrue(r.isListenerEnabled(ECHO.id()));
        r.setListenerEnabled(ECHO.id(), false);
        assertFalse(r.isListenerEnabled(ECHO.id()));
        assertTrue(r.isListenerEnabled(CHAT.id()));
        r.setServiceEnabled("chat", false);
        assertFalse(r.isServiceEnabled("chat"));
        assertTrue(r.isServiceEnabled("echo"));
    }

    @Test
    void theTotalBudgetForgetsClosedConnectionsFirstThenTheRecorderSheds() {
        CaptureRecorder r = recorder(100, 100);
        r.setTotalBudget(250);
        for (long id = 1; id <= 3; id++) {
            r.connectionOpened(conn(id, ECHO));
            r.bytesReceived(id, buf("a".repeat(80)));
        }
        assertEquals(240, r.keptBytes());
        r.connectionClosed(1, CloseReason.DONE, null);
        r.bytesReceived(2, buf("b".repeat(15)));
        assertEquals(List.of(2L, 3L), ids(r), "the closed one went first");
        assertEquals(175, r.keptBytes());
        r.bytesReceived(3, buf("c".repeat(20)));
        r.bytesReceived(2, buf("d".repeat(70)));
        assertTrue(r.keptBytes() <= 250, "kept " + r.keptBytes());
        CapturedConnection two = r.connection(2).orElseThrow();
        assertEquals(List.of("b".repeat(15), "d".repeat(70)), two.chunks().stream().map(CaptureRecorderTest::text).toList(),
                "the busy connection dropped its own oldest chunk");
        assertEquals(80, two.notKept());
        assertEquals(100, r.connection(3).orElseThrow().chunks().stream().mapToInt(Chunk::size).sum(), "the other kept all");
        long sum = r.snapshot().connections().stream().flatMap(c -> c.chunks().stream()).mapToLong(Chunk::size).sum();
        assertEquals(sum, r.keptBytes(), "the running total matches what is kept");
        r.clear();
        assertEquals(0, r.keptBytes());
    }

    @Test
    void aStreamOverTheTotalShedsAPageAheadSoMostChunksCostNoShedding() {
        CaptureRecorder r = recorder(1 << 20, 100);
        r.setTotalBudget(1 << 20);
        r.connectionOpened(conn(1, CHAT));
        r.connectionOpened(conn(2, CHAT));
        int chunks = 0;
        int shedding = 0;
        long notKept = 0;
        for (int i = 0; i < 3 * (1 << 20) / 56; i++) {
            long id = 1 + (i & 1);
            r.bytesSent(id, buf("x".repeat(55) + "\n"));
            chunks++;
            long n = r.summary().connections().stream().mapToLong(CapturedConnection::notKept).sum();
            if (n > notKept) shedding++;
            notKept = n;
            assertTrue(r.keptBytes() <= 1 << 20, "kept " + r.keptBytes());
        }
        assertTrue(r.keptBytes() > (1 << 20) - 4096 - 56, "kept " + r.keptBytes());
        assertTrue(shedding > 0 && shedding < chunks / 60, shedding + " of " + chunks + " chunks shed");
    }

    @Test
    void aSingleStreamOverTheTotalKeepsItsNewestChunk() {
        CaptureRecorder r = recorder(1000, 100);
        r.setTotalBudget(50);
        r.connectionOpened(conn(1, ECHO));
        r.bytesReceived(1, buf("x".repeat(40)));
        r.bytesReceived(1, buf("y".repeat(60)));
        assertEquals(List.of("y".repeat(60)), r.connection(1).orElseThrow().chunks().stream().map(CaptureRecorderTest::text).toList());
        assertEquals(60, r.keptBytes());
    }

    private static List<Long> ids(CaptureRecorder r) {
        return r.snapshot().connections().stream().map(CapturedConnection::id).toList();
    }
}
