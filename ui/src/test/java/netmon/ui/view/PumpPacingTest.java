package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.model.ConnectionRow;
import netmon.ui.model.ServiceRow;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window stops pulsing when nothing happens and wakes for real traffic (headless, Monocle, real sockets). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PumpPacingTest {
    LiveWindow live;
    MainWindow window;

    @Start
    void start(Stage stage) {
        live = LiveWindow.open(stage, Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"))));
        window = live.window;
    }

    @AfterEach
    void stopReactor() throws Exception {
        live.close();
    }

    boolean onFx(Callable<Boolean> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void anIdleWindowStopsItsPumpAndARealClientWakesItWithExactCounts(FxRobot robot) throws Exception {
        robot.clickOn(robot.lookup("#switch-0 .thumb-area").queryAs(Node.class));
        LiveWindow.waitFor(() -> live.row(0).getPhase() == ServiceRow.Phase.LISTENING);
        int port = live.row(0).handle().host().port();
        LiveWindow.waitFor(() -> onFx(window::pumpSleeping));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            byte[] data = new byte[5_000];
            s.getOutputStream().write(data);
            assertEquals(data.length, s.getInputStream().readNBytes(data.length).length);
            LiveWindow.waitFor(() -> onFx(() -> window.dashboard().connections().rows().stream()
                    .anyMatch(r -> r.peer().port() == s.getLocalPort() && r.getBytesIn() == 5_000 && r.getBytesOut() == 5_000)));
            LiveWindow.waitFor(() -> onFx(window::pumpSleeping));
            ConnectionRow row = window.dashboard().connections().rows().get(0);
            // Ages and rates still move while the pump sleeps between events: the clock ticks on.
            long clock = window.dashboard().connections().clockProperty().get();
            LiveWindow.waitFor(() -> onFx(() -> window.dashboard().connections().clockProperty().get() > clock));
            s.getOutputStream().write(new byte[7]);
            s.getInputStream().readNBytes(7);
            LiveWindow.waitFor(() -> onFx(() -> row.getBytesIn() == 5_007 && row.getBytesOut() == 5_007));
        }
    }
}
