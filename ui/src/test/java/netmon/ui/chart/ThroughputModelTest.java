package netmon.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.protocol.Address;
import org.junit.jupiter.api.Test;

class ThroughputModelTest {
    static final Address A = new Address("TCP", "127.0.0.1", 1);

    @Test
    void ratesAreBytesPerSecondPerIntervalInTotalAndPerService() {
        ThroughputMeter m = new ThroughputMeter();
        ThroughputModel model = new ThroughputModel(m);
        m.connectionOpened(new ConnectionInfo(1, 5, "echo", "tcp", A, A, 0, false));
        m.listenerStarted(new ListenerInfo(6, "udp-echo", "udp", A));
        assertFalse(model.sample(0), "the first call only sets the baseline");
        m.bytesReceived(1, ByteBuffer.allocate(1000));
        m.bytesSent(1, ByteBuffer.allocate(500));
        m.datagramReceived(6, A, ByteBuffer.allocate(100));
        assertFalse(model.sample(500), "not a full interval yet");
        assertTrue(model.sample(2000));
        ThroughputModel.Sample s = model.samples(ThroughputModel.ALL).get(0);
        assertEquals(550.0, s.inPerSecond(), 1e-9);
        assertEquals(250.0, s.outPerSecond(), 1e-9);
        assertEquals(800.0, s.total(), 1e-9);
        assertEquals(List.of(ThroughputModel.ALL, "echo", "udp-echo"), model.names());
        assertEquals(500.0, model.samples("echo").get(0).inPerSecond(), 1e-9);
        assertEquals(50.0, model.samples("udp-echo").get(0).inPerSecond(), 1e-9);
    }

    @Test
    void onlyTheLastThreeMinutesAreKept() {
        ThroughputModel model = new ThroughputModel(new ThroughputMeter());
        model.sample(0);
        for (int i = 1; i <= 500; i++) model.sample(i * 1000L);
        assertEquals(ThroughputModel.POINTS, model.samples(ThroughputModel.ALL).size());
        assertEquals(500_000L, model.samples(ThroughputModel.ALL).get(ThroughputModel.POINTS - 1).timeMillis());
    }
}
