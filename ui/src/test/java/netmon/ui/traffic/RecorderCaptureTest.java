package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import netmon.engine.capture.CaptureRecorder;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.protocol.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Traffic tab's view of the engine's recorder, fed through the recorder's monitor methods. */
@Timeout(20)
class RecorderCaptureTest {
    static ConnectionInfo conn(long id, long listener) {
        return new ConnectionInfo(id, listener, "echo", "tcp", new Address("TCP", "127.0.0.1", 40000 + (int) id),
                new Address("TCP", "127.0.0.1", 7000), 0, false);
    }

    static ByteBuffer buf(byte[] b) { return ByteBuffer.wrap(b); }

    private final CaptureRecorder rec = new CaptureRecorder();
    private final RecorderCapture c = new RecorderCapture(rec);

    @Test
    void chunksAreKeptInOrderWithDirectionsOffsetsAndPrivateCopies() {
        rec.connectionOpened(conn(1, 9));
        byte[] a = "hello".getBytes();
        ByteBuffer lent = ByteBuffer.wrap("xxhiyy".getBytes(), 2, 2);
        rec.bytesReceived(1, buf(a));
        rec.bytesSent(1, lent);
        rec.bytesReceived(1, buf("!".getBytes()));
        a[0] = 'J'; // the lender reuses its buffer: the capture must hold a copy
        assertEquals(2, lent.position(), "the lent buffer's position is untouched");
        StreamSnapshot s = c.snapshot(StreamKey.tcp(1), -1);
        List<Chunk> ch = s.chunks();
        assertEquals(3, ch.size());
        assertArrayEquals("hello".getBytes(), ch.get(0).data());
        assertEquals(Direction.IN, ch.get(0).direction());
        assertArrayEquals("hi".getBytes(), ch.get(1).data());
        assertEquals(Direction.OUT, ch.get(1).direction());
        assertEquals(5, ch.get(2).offset(), "offset counts bytes of the same direction");
        assertEquals(List.of(0L, 1L, 2L), ch.stream().map(Chunk::seq).toList());
        assertEquals(List.of(2L), c.snapshot(StreamKey.tcp(1), 1).chunks().stream().map(Chunk::seq).toList(),
                "after seq 1 only the last one");
        assertEquals(0, c.snapshot(StreamKey.tcp(1), Long.MAX_VALUE).chunks().size());
        assertEquals(6, s.bytesIn());
        assertEquals(2, s.bytesOut());
        assertEquals("echo tcp #1  127.0.0.1:7000 ← 127.0.0.1:40001", s.title());
        assertEquals(9, s.listenerId());
    }

    @Test
    void overflowDropsOldestChunksAndCountsBytesNotKept() {
        c.setPerStreamLimit(100);
        rec.connectionOpened(conn(1, 9));
        Random r = new Random(5);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] b = new byte[1 + r.nextInt(20)];
            r.nextBytes(b);
            all.writeBytes(b);
            rec.bytesReceived(1, buf(b));
        }
        StreamSnapshot s = c.snapshot(StreamKey.tcp(1), -1);
        long kept = s.chunks().stream().mapToLong(Chunk::size).sum();
        assertTrue(kept <= 100);
        assertEquals(all.size(), kept + s.droppedBytes(), "kept + not kept = seen");
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        s.chunks().forEach(ch -> tail.writeBytes(ch.data()));
        byte[] everything = all.toByteArray();
        byte[] expectedTail = java.util.Arrays.copyOfRange(everything, everything.length - tail.size(), everything.length);
        assertArrayEquals(expectedTail, tail.toByteArray(), "what is kept is the newest bytes, in order");
        assertEquals(s.chunks().get(0).seq(), s.firstSeq());
        assertEquals(100, c.perStreamLimit());
        assertEquals(100, rec.byteBudget(), "the limit is the engine recorder's budget");
    }

    @Test
    void captureSwitchedOffForAListenerKeepsNothingButCounts() {
        rec.connectionOpened(conn(1, 9));
        rec.bytesReceived(1, buf(new byte[3]));
        c.setListenerCaptured(9, false);
        assertFalse(c.isListenerCaptured(9));
        assertTrue(c.isListenerCaptured(8));
        rec.bytesReceived(1, buf(new byte[10]));
        StreamSnapshot s = c.snapshot(StreamKey.tcp(1), -1);
        assertEquals(1, s.chunks().size(), "only what came before the switch");
        assertEquals(10, s.droppedBytes());
        assertEquals(13, s.bytesIn());
        rec.connectionOpened(conn(2, 9));
        rec.bytesReceived(2, buf(new byte[5]));
        assertEquals(List.of(StreamKey.tcp(1), StreamKey.tcp(2)), c.streams(),
                "a new connection of a switched-off listener is still listed");
        StreamSnapshot off = c.snapshot(StreamKey.tcp(2), -1);
        assertEquals(List.of(), off.chunks(), "with no bytes kept");
        assertEquals(5, off.bytesIn());
        assertFalse(c.isListenerCaptured(9), "and the viewer can say why");
        c.setListenerCaptured(9, true);
        rec.bytesReceived(1, buf(new byte[4]));
        assertEquals(2, c.snapshot(StreamKey.tcp(1), -1).chunks().size());
    }

    @Test
    void udpDatagramsFormFlowsPerPeer() {
        ListenerInfo l = new ListenerInfo(4, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7002));
        rec.listenerStarted(l);
        Address p1 = new Address("UDP", "127.0.0.1", 5000), p2 = new Address("UDP", "127.0.0.1", 5001);
        rec.datagramReceived(4, p1, buf("a".getBytes()));
        rec.datagramSent(4, p1, buf("a".getBytes()));
        rec.datagramReceived(4, p2, buf("b".getBytes()));
        StreamSnapshot s = c.snapshot(StreamKey.udp(4, "127.0.0.1:5000"), -1);
        assertEquals(List.of(Direction.IN, Direction.OUT), s.chunks().stream().map(Chunk::direction).toList());
        assertEquals("udp-echo udp flow  127.0.0.1:7002 ↔ 127.0.0.1:5000", s.title());
        assertEquals(1, c.snapshot(StreamKey.udp(4, "127.0.0.1:5001"), -1).chunks().size());
        assertEquals(List.of(StreamKey.udp(4, "127.0.0.1:5000"), StreamKey.udp(4, "127.0.0.1:5001")), c.streams());
        rec.listenerStopped(l);
        assertTrue(c.snapshot(StreamKey.udp(4, "127.0.0.1:5000"), -1).closed());
    }

    @Test
    void anUnknownStreamIsTitledByItsKey() {
        StreamSnapshot s = c.snapshot(StreamKey.tcp(77), -1);
        assertEquals("tcp #77", s.title());
        assertEquals(-1, s.listenerId());
        assertTrue(s.chunks().isEmpty());
    }

    @Test
    void closedConnectionsStayReadable() {
        rec.connectionOpened(conn(1, 9));
        rec.bytesReceived(1, buf("x".getBytes()));
        rec.connectionClosed(1, CloseReason.DONE, null);
        StreamSnapshot s = c.snapshot(StreamKey.tcp(1), -1);
        assertTrue(s.closed());
        assertEquals(1, s.chunks().size());
    }
}
