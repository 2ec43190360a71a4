package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.stage.Stage;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the window leaves until its first frame is on screen, and what it does first: the tooltips are made after
 * the first layout, the theme is in place before the first control is built, the services pane is built once for
 * all the settings' listeners, and the first focus goes to the header as it did with main.fxml (headless, Monocle).
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartupOrderTest {
    LiveWindow live;
    Stage stage;
    /** Tooltips of the first row's switch and of the theme toggle at the first layout (null: none yet). */
    final List<Object> atFirstLayout = new ArrayList<>();
    Node switchAtBuild;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings settings = Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"), new ListenerSpec("chat", "tcp:0"),
                new ListenerSpec("udp-echo", "udp:0"))).withWindow(1280, 800, 0, 0, false);
        live = LiveWindow.open(stage, settings, w -> {
            String theme = Application.getUserAgentStylesheet();
            assertNotNull(theme, "the theme is set");
            assertTrue(theme.contains("primer-light"), theme);
            switchAtBuild = w.window.controller().servicesGrid.lookup("#switch-0");
            assertNotNull(switchAtBuild, "the rows are built with the window");
        });
        Runnable[] first = new Runnable[1];
        first[0] = () -> {
            Scene scene = stage.getScene();
            scene.removePostLayoutPulseListener(first[0]);
            atFirstLayout.add(((Control) scene.lookup("#switch-0")).getTooltip());
            atFirstLayout.add(live.window.controller().themeToggle.getTooltip());
        };
        stage.getScene().addPostLayoutPulseListener(first[0]);
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    @Test
    void tooltipsArriveOnceTheFirstFrameIsOnScreen(FxRobot robot) throws Exception {
        LiveWindow.waitFor(() -> live.window.controller().themeToggle.getTooltip() != null);
        robot.interact(() -> {
            assertEquals(2, atFirstLayout.size());
            assertEquals(null, atFirstLayout.get(0), "no tooltip on the switch at the first layout");
            assertEquals(null, atFirstLayout.get(1), "no tooltip on the theme toggle at the first layout");
            Control sw = (Control) stage.getScene().lookup("#switch-0");
            assertEquals("Start or stop this listener (Space)", sw.getTooltip().getText());
            assertEquals("Switch between the light and dark theme", live.window.controller().themeToggle.getTooltip().getText());
        });
    }

    @Test
    void theServicesPaneIsBuiltOnceForTheSettingsListenersAndTheHeaderHasTheFirstFocus(FxRobot robot) throws Exception {
        LiveWindow.waitFor(() -> stage.getScene().getFocusOwner() != null);
        robot.interact(() -> {
            assertSame(switchAtBuild, stage.getScene().lookup("#switch-0"), "the first row's nodes were not rebuilt");
            assertNotNull(stage.getScene().lookup("#switch-2"), "all three rows are there");
            assertSame(live.window.controller().addListener, stage.getScene().getFocusOwner());
            assertFalse(live.window.controller().addListener.isShowing());
        });
    }
}
