package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.model.ServiceRow;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * The services pane in the real window at 1280×800 with the inspectors attached (headless, Monocle): five
 * listeners show without scrolling, the connections table gets more room than the services pane, a window
 * resize goes to the table and inspectors, and capture changed from the traffic inspector shows in the services pane.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServicesPaneLayoutTest {
    LiveWindow live;
    SelectReactor reactor;
    MainWindow window;
    Inspectors ins;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        live = LiveWindow.openWithInspectors(stage, Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"), new ListenerSpec("chat", "tcp:0"),
                new ListenerSpec("udp-echo", "udp:0"), new ListenerSpec("echo", "tcp:0"), new ListenerSpec("chat", "tcp:0:interface=0.0.0.0")))
                .withWindow(1280, 800, 0, 0, false));
        reactor = live.reactor;
        window = live.window;
        ins = live.inspectors;
    }

    @AfterEach
    void stopReactor() throws Exception {
        live.close();
    }

    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        LiveWindow.waitFor(condition);
    }

    boolean servicesScroll() {
        var scroll = window.controller().servicesScroll;
        return window.controller().servicesGrid.getHeight() > scroll.getViewportBounds().getHeight() + 0.5;
    }

    @Test
    void fiveListenersShowWithoutScrollingAt1280x800AndTheConnectionsTableGetsMoreRoom(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(800, stage.getScene().getHeight(), 1);
        assertFalse(servicesScroll(), "all five rows fit");
        double services = window.controller().servicesPane.getHeight();
        double connections = window.controller().table.getParent().getLayoutBounds().getHeight();
        assertTrue(connections > services, "connections " + connections + " px vs services " + services + " px");
        assertTrue(services < 0.36 * stage.getScene().getHeight(), "services " + services + " px");

        // Monocle's headless screen is 1280×800: resize within it.
        robot.interact(() -> stage.setHeight(680));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(services, window.controller().servicesPane.getHeight(), 2, "a resize leaves the services pane as it was");
        assertTrue(window.controller().table.getParent().getLayoutBounds().getHeight() < connections - 30, "the table and inspectors took the change");
    }

    @Test
    void aSixthListenerScrollsAndTheFirstFiveStayVisible(FxRobot robot) throws Exception {
        robot.interact(() -> window.dashboard().services().add("echo", "tcp:0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(servicesScroll(), "beyond five rows the pane scrolls rather than eat the table's room");
        var grid = window.controller().servicesGrid;
        double viewport = window.controller().servicesScroll.getViewportBounds().getHeight();
        double fifthBottom = grid.lookup("#switch-4").getBoundsInParent().getMaxY();
        assertTrue(fifthBottom <= viewport, "the fifth row ends at " + fifthBottom + " within " + viewport);
    }

    @Test
    void captureSwitchedOffInTheTrafficInspectorShowsInTheServicesPaneAndTheSettings(FxRobot robot) throws Exception {
        ServiceRow echo = window.dashboard().services().rows().get(0);
        robot.interact(() -> window.dashboard().services().switchOn(echo));
        waitFor(() -> echo.getPhase() == ServiceRow.Phase.LISTENING);
        robot.interact(() -> ins.capture().setListenerCaptured(echo.handle().listenerId(), false));
        waitFor(() -> !echo.isCaptured());
        assertFalse(window.currentSettings().listeners().get(0).captured());
        robot.interact(() -> echo.capturedProperty().set(true));
        assertTrue(ins.capture().isListenerCaptured(echo.handle().listenerId()), "and back the other way");
    }
}
