package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.protocol.Address;
import org.junit.jupiter.api.Test;

class RingCaptureTest {
    static ConnectionInfo conn(long id, long listener) {
        return new ConnectionInfo(id, listener, "echo", "tcp", new Address("TCP", "127.0.0.1", 40000 + (int) id),
                new Address("TCP", "127.0.0.1", 7000), 0, false);
    }

    static ByteBuffer buf(byte[] b) { return ByteBuffer.wrap(b); }

    @Test
    void chunksAreKeptInOrderWithDirectionsOffsetsAndPrivateCopies() {
        RingCapture c = new RingCapture();
        c.connectionOpened(conn(1, 9));
        byte[] a = "hello".getBytes();
        ByteBuffer lent = ByteBuffer.wrap("xxhiyy".getBytes(), 2, 2);
        c.bytesReceived(1, buf(a));
        c.bytesSent(1, lent);
        c.bytesReceived(1, buf("!".getBytes()));
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
        assertEquals(1, c.snapshot(StreamKey.tcp(1), 1).chunks().size(), "after seq 1 only the last one");
        assertEquals(6, s.bytesIn());
        assertEquals(2, s.bytesOut());
    }

    @Test
    void overflowDropsOldestChunksAndCountsBytesNotKept() {
        RingCapture c = new RingCapture(100, 1000, () -> 0);
        c.connectionOpened(conn(1, 9));
        Random r = new Random(5);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] b = new byte[1 + r.nextInt(20)];
            r.nextBytes(b);
            all.writeBytes(b);
            c.bytesReceived(1, buf(b));
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
    }

    @Test
    void globalLimitForgetsClosedStreamsFirst() {
        RingCapture c = new RingCapture(200, 250, () -> 0);
        for (long id = 1; id <= 3; id++) {
            c.connectionOpened(conn(id, 9));
            c.bytesReceived(id, buf(new byte[80]));
        }
        c.connectionClosed(1, CloseReason.DONE, null);
        c.bytesReceived(2, buf(new byte[80]));
        assertTrue(c.totalKept() <= 250);
        assertEquals(List.of(StreamKey.tcp(2), StreamKey.tcp(3)), c.streams(), "the closed stream went first");
    }

    @Test
    void captureSwitchedOffForAListenerKeepsNothingButCounts() {
        RingCapture c = new RingCapture();
        c.setListenerCaptured(9, false);
        c.connectionOpened(conn(1, 9));
        c.bytesReceived(1, buf(new byte[10]));
        StreamSnapshot s = c.snapshot(StreamKey.tcp(1), -1);
        assertEquals(0, s.chunks().size());
        assertEquals(10, s.droppedBytes());
    }

    @Test
    void udpDatagramsFormFlowsPerPeer() {
        RingCapture c = new RingCapture();
        c.listenerStarted(new ListenerInfo(4, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7002)));
        Address p1 = new Address("UDP", "127.0.0.1", 5000), p2 = new Address("UDP", "127.0.0.1", 5001);
        c.datagramReceived(4, p1, buf("a".getBytes()));
        c.datagramSent(4, p1, buf("a".getBytes()));
        c.datagramReceived(4, p2, buf("b".getBytes()));
        StreamSnapshot s = c.snapshot(StreamKey.udp(4, "127.0.0.1:5000"), -1);
        assertEquals(List.of(Direction.IN, Direction.OUT), s.chunks().stream().map(Chunk::direction).toList());
        assertTrue(s.title().contains("udp-echo"));
        assertEquals(1, c.snapshot(StreamKey.udp(4, "127.0.0.1:5001"), -1).chunks().size());
        c.listenerStopped(new ListenerInfo(4, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7002)));
        assertTrue(c.snapshot(StreamKey.udp(4, "127.0.0.1:5000"), -1).closed());
    }
}
