package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import netmon.engine.capture.CaptureRecorder;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The traffic pane over a capture fed by hand (headless, Monocle). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrafficPaneTest {
    CaptureRecorder rec = new CaptureRecorder(64, 100);
    RecorderCapture capture = new RecorderCapture(rec);
    TrafficViewModel vm = new TrafficViewModel(capture);
    TrafficPane pane;

    @Start
    void start(Stage stage) {
        pane = new TrafficPane(vm);
        stage.setScene(new Scene(pane, 900, 600));
        stage.show();
    }

    @Test
    void overflowShowsTheBytesNotKeptMarker(FxRobot robot) {
        rec.connectionOpened(RecorderCaptureTest.conn(1, 9));
        robot.interact(() -> vm.show(StreamKey.tcp(1)));
        Label dropped = robot.lookup("#traffic-dropped").queryAs(Label.class);
        assertFalse(dropped.isVisible(), "nothing dropped yet");
        for (int i = 0; i < 10; i++) rec.bytesReceived(1, ByteBuffer.wrap(new byte[10]));
        robot.interact(vm::pulse);
        assertTrue(dropped.isVisible());
        assertEquals("40 bytes not kept (limit 64 B per stream)", dropped.getText());
    }

    @Test
    void aConnectionOfAListenerWithCaptureOffIsCountedAndTheListSaysWhyItIsEmpty(FxRobot robot) {
        rec.setListenerEnabled(9, false);
        rec.connectionOpened(RecorderCaptureTest.conn(1, 9));
        rec.bytesReceived(1, ByteBuffer.wrap(new byte[10]));
        robot.interact(() -> {
            vm.show(StreamKey.tcp(1));
            vm.pulse();
        });
        assertEquals(10, vm.bytesInProperty().get(), "the bytes are counted");
        assertTrue(vm.chunks().isEmpty());
        Label empty = robot.lookup("#traffic-placeholder").queryAs(Label.class);
        assertEquals("Capture is off for this listener: tick Capture to keep its bytes from now on", empty.getText());
        javafx.scene.control.CheckBox captureOn = robot.lookup("#traffic-capture").queryAs(javafx.scene.control.CheckBox.class);
        assertFalse(captureOn.isSelected());
        assertEquals("10 bytes not kept (capture is off)", robot.lookup("#traffic-dropped").queryAs(Label.class).getText());

        robot.clickOn(captureOn);
        assertTrue(rec.isListenerEnabled(9), "capture switched back on from the inspector");
        assertEquals("No traffic captured yet", empty.getText());
        rec.bytesReceived(1, ByteBuffer.wrap("back on".getBytes()));
        robot.interact(vm::pulse);
        assertEquals(1, vm.chunks().size(), "bytes after switching on are kept");
    }

    @Test
    void selectingAChunkShowsAllItsBytesInTextOrHex(FxRobot robot) {
        rec.connectionOpened(RecorderCaptureTest.conn(1, 9));
        rec.bytesReceived(1, ByteBuffer.wrap("a\u0007b\r\n".getBytes()));
        robot.interact(() -> {
            vm.show(StreamKey.tcp(1));
            pane.list().getSelectionModel().select(0);
        });
        TextArea detail = robot.lookup("#traffic-detail").queryAs(TextArea.class);
        assertEquals("a\\x07b\\r\\n\n", detail.getText());
        robot.clickOn("#traffic-hex");
        assertEquals(TrafficViewModel.Mode.HEX, vm.modeProperty().get());
        assertTrue(detail.getText().startsWith("00000000  61 07 62 0D 0A"), detail.getText());
    }

    @Test
    void searchSelectsTheNextMatchingChunkAndPausesFollow(FxRobot robot) {
        rec.connectionOpened(RecorderCaptureTest.conn(1, 9));
        rec.bytesReceived(1, ByteBuffer.wrap("one".getBytes()));
        rec.bytesSent(1, ByteBuffer.wrap("two".getBytes()));
        rec.bytesReceived(1, ByteBuffer.wrap("three".getBytes()));
        robot.interact(() -> vm.show(StreamKey.tcp(1)));
        robot.clickOn("#traffic-search").write("t");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(1, pane.list().getSelectionModel().getSelectedIndex());
        assertFalse(vm.followProperty().get());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(2, pane.list().getSelectionModel().getSelectedIndex());
    }
}
