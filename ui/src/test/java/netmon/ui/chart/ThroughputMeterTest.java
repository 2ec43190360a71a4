package netmon.ui.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.protocol.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ThroughputMeterTest {
    static final Address A = new Address("TCP", "127.0.0.1", 1);

    @Test
    void interleavedConnectionsCountToTheirOwnServiceAndAClosedOneToNoneAnyMore() {
        ThroughputMeter m = new ThroughputMeter();
        m.connectionOpened(new ConnectionInfo(1, 5, "echo", "tcp", A, A, 0, false));
        m.connectionOpened(new ConnectionInfo(2, 6, "chat", "tcp", A, A, 0, false));
        m.bytesReceived(1, ByteBuffer.allocate(10));
        m.bytesSent(1, ByteBuffer.allocate(20));
        m.bytesReceived(2, ByteBuffer.allocate(30));
        m.bytesReceived(1, ByteBuffer.allocate(40));
        m.connectionClosed(1, CloseReason.DONE, null);
        m.bytesSent(1, ByteBuffer.allocate(50));   // after its close: in the total only
        m.bytesSent(2, ByteBuffer.allocate(60));
        assertArrayEquals(new long[] {50, 20}, m.perService().get("echo"));
        assertArrayEquals(new long[] {30, 60}, m.perService().get("chat"));
        assertEquals(80, m.totalIn());
        assertEquals(130, m.totalOut());
    }
}
