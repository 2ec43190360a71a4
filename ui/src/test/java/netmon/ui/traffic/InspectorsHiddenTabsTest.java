package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.logs.LogRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The inspectors feed only the tab on show, and that one at most five times a second (headless, Monocle; the
 * pulses are driven by hand with explicit times, no timer runs).
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InspectorsHiddenTabsTest {
    final LogRing log = new LogRing(100);
    Inspectors inspectors;

    @Start
    void start(Stage stage) {
        inspectors = new Inspectors(new SelectReactor(), Platform::runLater, log);
        stage.setScene(new Scene(inspectors.node(), 900, 500));
        stage.show();
    }

    @Test
    void logLinesWaitWhileTheLogTabIsHiddenAndAllAppearOnceItIsSelected(FxRobot robot) {
        robot.interact(() -> {
            log.add("one");
            log.add("two");
            inspectors.pulse(10_000);
            inspectors.pulse(12_000);
            assertEquals(0, inspectors.logPane().shown().size(), "the hidden Log tab's list is not touched");
            inspectors.select("Log");
            inspectors.pulse(12_001);
            assertEquals(2, inspectors.logPane().shown().size(), "selected, it catches up at the next pulse");
        });
    }

    @Test
    void theTabOnShowIsFedAtMostEveryTwoHundredMilliseconds(FxRobot robot) {
        robot.interact(() -> {
            inspectors.select("Log");
            log.add("one");
            inspectors.pulse(10_000);
            assertEquals(1, inspectors.logPane().shown().size());
            log.add("two");
            inspectors.pulse(10_100);
            assertEquals(1, inspectors.logPane().shown().size(), "100 ms after the last feed: not yet");
            inspectors.pulse(10_000 + Inspectors.SHOWN_MILLIS);
            assertEquals(2, inspectors.logPane().shown().size());
        });
    }

    @Test
    void theDeferredsTableHoldsNoRowsWhileItsTabIsHiddenAndTheModelsRowsOnceShown(FxRobot robot) {
        javafx.scene.control.TableView<?> table = robot.lookup("#deferreds-table").queryAs(javafx.scene.control.TableView.class);
        robot.interact(() -> {
            assertEquals(0, table.getItems().size(), "the Traffic tab is on show");
            inspectors.select("Deferreds");
            org.junit.jupiter.api.Assertions.assertSame(inspectors.deferreds().shown(), table.getItems());
            inspectors.select("Traffic");
            assertEquals(0, table.getItems().size());
        });
    }
}
