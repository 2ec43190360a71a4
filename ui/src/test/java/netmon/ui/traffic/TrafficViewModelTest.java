package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import netmon.engine.capture.CaptureRecorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficViewModelTest {

    @Test
    void pulseAppendsOnlyNewChunksAndFollowsTheCapturesDrops() {
        CaptureRecorder rec = new CaptureRecorder(10, 100);
        RecorderCapture c = new RecorderCapture(rec);
        rec.connectionOpened(RecorderCaptureTest.conn(1, 9));
        TrafficViewModel vm = new TrafficViewModel(c);
        vm.show(StreamKey.tcp(1));
        rec.bytesReceived(1, ByteBuffer.wrap("abcd".getBytes()));
        rec.bytesSent(1, ByteBuffer.wrap("efgh".getBytes()));
        assertEquals(2, vm.pulse());
        assertEquals(0, vm.pulse());
        rec.bytesReceived(1, ByteBuffer.wrap("ijkl".getBytes())); // 12 > 10: "abcd" goes
        assertEquals(1, vm.pulse());
        assertEquals(List.of(1L, 2L), vm.chunks().stream().map(Chunk::seq).toList());
        assertEquals(4, vm.droppedBytesProperty().get());
        assertEquals(8, vm.bytesInProperty().get());
    }

    @Test
    void splittingTheSameBytesAnyWayGivesTheSameStreamInOrder() {
        byte[] msg = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Random r = new Random(3);
        for (int mode = 0; mode < 3; mode++) {
            CaptureRecorder rec = new CaptureRecorder();
        RecorderCapture c = new RecorderCapture(rec);
            rec.connectionOpened(RecorderCaptureTest.conn(1, 9));
            TrafficViewModel vm = new TrafficViewModel(c);
            vm.show(StreamKey.tcp(1));
            int i = 0, chunks = 0;
            while (i < msg.length) {
                int n = mode == 0 ? msg.length : mode == 1 ? 1 : 1 + r.nextInt(msg.length - i);
                n = Math.min(n, msg.length - i);
                rec.bytesReceived(1, ByteBuffer.wrap(msg, i, n));
                i += n;
                chunks++;
                if (r.nextBoolean()) vm.pulse();
            }
            vm.pulse();
            assertEquals(chunks, vm.chunks().size(), "every chunk boundary is kept");
            StringBuilder sb = new StringBuilder();
            vm.chunks().forEach(ch -> sb.append(new String(ch.data(), StandardCharsets.US_ASCII)));
            assertEquals(new String(msg, StandardCharsets.US_ASCII), sb.toString());
        }
    }

    @Test
    void findLooksForTextCaseInsensitivelyOrHexAndWraps() {
        CaptureRecorder rec = new CaptureRecorder();
        RecorderCapture c = new RecorderCapture(rec);
        rec.connectionOpened(RecorderCaptureTest.conn(1, 9));
        TrafficViewModel vm = new TrafficViewModel(c);
        vm.show(StreamKey.tcp(1));
        rec.bytesReceived(1, ByteBuffer.wrap("hello".getBytes()));
        rec.bytesSent(1, ByteBuffer.wrap("WORLD\r\n".getBytes()));
        rec.bytesReceived(1, ByteBuffer.wrap("world".getBytes()));
        vm.pulse();
        assertEquals(1, vm.find("world", 0));
        assertEquals(2, vm.find("world", 2));
        assertEquals(1, vm.find("world", 3), "wraps around");
        assertEquals(1, vm.find("hex:0d0a", 0));
        assertEquals(-1, vm.find("nope", 0));
    }

    @Test
    void switchingStreamsReloadsFromTheCapture() {
        CaptureRecorder rec = new CaptureRecorder();
        RecorderCapture c = new RecorderCapture(rec);
        rec.connectionOpened(RecorderCaptureTest.conn(1, 9));
        rec.connectionOpened(RecorderCaptureTest.conn(2, 9));
        rec.bytesReceived(1, ByteBuffer.wrap("a".getBytes()));
        rec.bytesReceived(2, ByteBuffer.wrap("b".getBytes()));
        rec.bytesReceived(2, ByteBuffer.wrap("c".getBytes()));
        TrafficViewModel vm = new TrafficViewModel(c);
        vm.show(StreamKey.tcp(1));
        assertEquals(1, vm.chunks().size());
        vm.show(StreamKey.tcp(2));
        assertEquals(2, vm.chunks().size());
        vm.show(null);
        assertEquals(0, vm.chunks().size());
    }
}
