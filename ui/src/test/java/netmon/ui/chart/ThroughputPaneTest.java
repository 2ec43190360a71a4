package netmon.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The throughput chart redraws once a second while it shows, and not while it is hidden (headless, Monocle). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThroughputPaneTest {
    final ThroughputMeter meter = new ThroughputMeter();
    ThroughputPane pane;
    StackPane holder;

    @Start
    void start(Stage stage) {
        pane = new ThroughputPane(new ThroughputModel(meter));
        holder = new StackPane(pane);
        stage.setScene(new Scene(holder, 800, 400));
        stage.show();
    }

    private int points() { return pane.chart().getData().get(0).getData().size(); }

    @Test
    void aHiddenChartSamplesButRedrawsOnlyOnceItShowsAgain(FxRobot robot) {
        robot.interact(() -> {
            meter.bytesReceived(1, ByteBuffer.allocate(100));
            pane.pulse(0);
            pane.pulse(1000);
            int shown = points();
            assertTrue(shown > 0, "a showing chart draws its samples");

            holder.setVisible(false);
            meter.bytesReceived(1, ByteBuffer.allocate(100));
            pane.pulse(2000);
            pane.pulse(3000);
            assertEquals(shown, points(), "a hidden chart is not redrawn");

            holder.setVisible(true);
            pane.pulse(3010);
            assertTrue(points() > shown, "the samples taken while hidden are drawn at the first pulse it shows");
        });
    }
}
