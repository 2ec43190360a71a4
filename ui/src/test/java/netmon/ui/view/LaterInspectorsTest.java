package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import netmon.ui.logs.LogRing;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import netmon.ui.traffic.Inspectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@link MainWindow#attachInspectorsLater}: the window's first layout has the inspectors' pane reserved but
 * empty and the inspectors not yet built; once that first frame is on screen they are built, wired and put in
 * that pane, and only then does the follow-up run (headless, Monocle).
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LaterInspectorsTest {
    LiveWindow live;
    MainWindow window;
    Inspectors built;
    /** What happened, in order, as seen on the FX thread. */
    final List<String> events = new ArrayList<>();
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings settings = Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"))).withWindow(1280, 800, 0, 0, false);
        live = LiveWindow.open(stage, settings, w -> {
            window = w.window;
            window.attachInspectorsLater(() -> {
                events.add("build");
                built = new Inspectors(w.reactor, Platform::runLater, new LogRing(100));
                built.attach();
                return built;
            }, () -> events.add("then: inspectors " + (window.inspectors() == built ? "wired" : "missing")));
            assertEquals(3, window.controller().split.getItems().size(), "the inspectors' pane is reserved before the window shows");
        });
        Runnable[] first = new Runnable[1];
        first[0] = () -> {
            Scene scene = stage.getScene();
            scene.removePostLayoutPulseListener(first[0]);
            StackPane holder = (StackPane) window.controller().split.getItems().get(2);
            events.add("first layout: " + (built == null ? "not built" : "built") + ", holder "
                    + (holder.getChildren().isEmpty() ? "empty" : "filled"));
        };
        stage.getScene().addPostLayoutPulseListener(first[0]);
    }

    @AfterEach
    void stop() throws Exception {
        if (built != null) Platform.runLater(built::detach);
        live.close();
    }

    @Test
    void theFirstLayoutIsDrawnWithoutTheInspectorsThenTheyFillTheirReservedPane(FxRobot robot) throws Exception {
        LiveWindow.waitFor(() -> built != null && events.size() >= 3);
        robot.interact(() -> {
            assertEquals(List.of("first layout: not built, holder empty", "build", "then: inspectors wired"), events);
            assertSame(built, window.inspectors());
            StackPane holder = (StackPane) window.controller().split.getItems().get(2);
            assertEquals(List.of(built.node()), holder.getChildren());
            assertEquals(3, window.controller().split.getItems().size(), "the pane was filled, not added");
        });
        // The tab pane is in the live window and works: selecting a tab by name selects it.
        robot.interact(() -> built.select("Log"));
        robot.interact(() -> assertEquals("tab-log", built.node().getSelectionModel().getSelectedItem().getId()));
        assertTrue(built.node().getScene() == stage.getScene(), "the tab pane is in the window's scene");
        assertFalse(robot.lookup("#status-unhandled").queryAs(javafx.scene.control.Label.class).isVisible(), "no unhandled Deferreds yet");
    }
}
