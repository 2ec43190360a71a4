package netmon.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import netmon.engine.monitor.ReactorHealth;
import netmon.ui.bridge.FxEventBridge;
import org.junit.jupiter.api.Test;

class StatusViewModelTest {
    @Test
    void healthSampleAndBridgeFiguresReachTheStatusBar() {
        FxEventBridge bridge = new FxEventBridge();
        StatusViewModel status = new StatusViewModel();
        Dashboard d = new Dashboard(bridge, new ServicesViewModel(new FakeEngine(), () -> 0), new ConnectionsViewModel(), status);
        bridge.reactorHealth(new ReactorHealth(1.5, 4.0, 12, 3, 2, 100, 50, 1000));
        for (int i = 0; i < 1999; i++) bridge.bytesReceived(1, ByteBuffer.allocate(1));
        d.pulse(0);
        assertEquals(1.5, status.loopLagMillisProperty().get());
        assertEquals(12, status.pendingDelayedCallsProperty().get());
        assertEquals(3, status.openConnectionsProperty().get());
        for (int i = 0; i < 3000; i++) bridge.bytesReceived(1, ByteBuffer.allocate(1));
        d.pulse(10);
        assertEquals(0, status.queueDepthProperty().get(), "no drain 10 ms after the last, and the depth shown at most 4 times a second");
        d.pulse(1000);
        assertEquals(5000.0, status.eventsPerSecondProperty().get(), 0.001);
        assertEquals(0, status.queueDepthProperty().get());
        assertEquals(1, status.maxQueueDepthProperty().get());
    }
}
