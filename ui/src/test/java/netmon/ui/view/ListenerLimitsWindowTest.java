package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.model.ServiceRow;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import netmon.ui.settings.SettingsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Per-listener limits edited in the real window (headless, Monocle) on a real reactor with real sockets on
 * 127.0.0.1: the connection cap refuses the connection beyond it and the row counts it, capture switches per
 * listener, the capture budget, and all of it remembered through the settings store.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerLimitsWindowTest {
    LiveWindow live;
    SelectReactor reactor;
    MainWindow window;
    final List<Socket> clients = new ArrayList<>();

    @Start
    void start(Stage stage) {
        live = LiveWindow.open(stage, Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"), new ListenerSpec("udp-echo", "udp:0"))));
        reactor = live.reactor;
        window = live.window;
    }

    @AfterEach
    void stopReactor() throws Exception {
        for (Socket s : clients) s.close();
        live.close();
    }

    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        LiveWindow.waitFor(condition);
    }

    ServiceRow row(int i) { return window.dashboard().services().rows().get(i); }

    Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(5000);
        clients.add(s);
        return s;
    }

    static boolean echoes(Socket s, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        s.getOutputStream().write(b);
        return text.equals(new String(s.getInputStream().readNBytes(b.length), StandardCharsets.US_ASCII));
    }

    @Test
    void aCapOfTwoSetOnARunningEchoRefusesTheThirdClientAndTheRowCountsItAndTheCapIsRemembered(FxRobot robot, @TempDir Path dir)
            throws Exception {
        robot.clickOn(robot.lookup("#switch-0 .thumb-area").queryAs(Node.class));
        waitFor(() -> row(0).getPhase() == ServiceRow.Phase.LISTENING);
        int port = row(0).handle().host().port();
        assertEquals("0", robot.lookup("#refused-0").queryAs(Label.class).getText());

        // The keyboard way: focus the row's options button, Space opens the editor with the focus in the cap field.
        robot.interact(() -> robot.lookup("#options-0").queryAs(Button.class).requestFocus());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        TextField cap = robot.lookup("#cap-0").queryAs(TextField.class);
        assertTrue(cap.isFocused(), "the cap field has the focus");
        assertEquals("10000", cap.getText());
        robot.interact(cap::selectAll);
        robot.write("2");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, row(0).getMaxConnections());
        assertEquals("cap 2 connections", robot.lookup("#limits-0").queryAs(Label.class).getText());

        Socket a = connect(port), b = connect(port);
        assertTrue(echoes(a, "one\n"));
        assertTrue(echoes(b, "two\n"));
        Socket c = connect(port);
        // Nothing written first: bytes unread at close would turn the server's FIN into a reset.
        assertEquals(-1, c.getInputStream().read(), "the third client is closed at once (FIN)");
        waitFor(() -> row(0).getRefused() == 1);
        assertEquals("1", robot.lookup("#refused-0").queryAs(Label.class).getText());
        assertEquals(2, row(0).openConnectionsProperty().get());
        assertTrue(echoes(a, "still\n"), "the first two are unaffected");

        Settings s = window.currentSettings();
        assertEquals(new ListenerSpec("echo", "tcp:0", 2, true), s.listeners().get(0));
        SettingsStore store = new SettingsStore(dir.resolve("settings.properties"));
        store.save(s);
        SettingsStore.Loaded back = store.load(Settings.defaults(List.of()));
        assertNull(back.warning());
        assertEquals(s, back.settings());
    }

    @Test
    void aCapSetBeforeStartApplies(FxRobot robot) throws Exception {
        robot.interact(() -> window.dashboard().services().setMaxConnections(row(0), 1));
        robot.clickOn(robot.lookup("#switch-0 .thumb-area").queryAs(Node.class));
        waitFor(() -> row(0).getPhase() == ServiceRow.Phase.LISTENING);
        int port = row(0).handle().host().port();
        Socket a = connect(port);
        assertTrue(echoes(a, "one\n"));
        Socket b = connect(port);
        assertEquals(-1, b.getInputStream().read());
        waitFor(() -> "1".equals(robot.lookup("#refused-0").queryAs(Label.class).getText()));
    }

    @Test
    void aBadCapIsRefusedAsTypedWithTheReasonAndCannotBeApplied(FxRobot robot) throws Exception {
        robot.clickOn("#options-0");
        TextField cap = robot.lookup("#cap-0").queryAs(TextField.class);
        robot.interact(() -> cap.setText("0"));
        Label why = robot.lookup("#cap-validation-0").queryAs(Label.class);
        assertTrue(why.isVisible());
        assertEquals("cap must be a whole number from 1 to 1,000,000", why.getText());
        assertTrue(robot.lookup("#apply-cap-0").queryAs(Button.class).isDisabled());
        robot.interact(() -> cap.setText("abc"));
        robot.clickOn(cap).type(KeyCode.ENTER);
        assertEquals(ListenerSpec.DEFAULT_MAX_CONNECTIONS, row(0).getMaxConnections(), "Enter on a bad cap changes nothing");
        robot.interact(() -> cap.setText("25,000"));
        assertFalse(why.isVisible());
        robot.clickOn("#apply-cap-0");
        assertEquals(25_000, row(0).getMaxConnections());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#options-editor-0").tryQuery().isEmpty(), "Escape closes the editor");
    }

    @Test
    void captureIsSwitchedPerListenerAndRemembered(FxRobot robot) throws Exception {
        robot.clickOn("#options-1");
        CheckBox capture = robot.lookup("#capture-1").queryAs(CheckBox.class);
        assertTrue(capture.isSelected());
        assertTrue(capture.isFocused(), "a UDP row's editor opens on its capture switch");
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(row(1).isCaptured());
        assertEquals("capture off", robot.lookup("#limits-1").queryAs(Label.class).getText());
        assertEquals(new ListenerSpec("udp-echo", "udp:0", ListenerSpec.DEFAULT_MAX_CONNECTIONS, false), window.currentSettings().listeners().get(1));
    }

    @Test
    void theCaptureBudgetIsEditedInADialogValidatedAsTypedAndRemembered(FxRobot robot) throws Exception {
        assertEquals("Capture 1 MiB / conn", robot.lookup("#capture-budget").queryAs(Button.class).getText());
        robot.clickOn("#capture-budget");
        WaitForAsyncUtils.waitForFxEvents();
        TextField size = robot.lookup("#budget-field").queryAs(TextField.class);
        assertEquals("1 MiB", size.getText());
        Node ok = size.getScene().lookup(".dialog-pane") instanceof javafx.scene.control.DialogPane pane ? pane.lookupButton(ButtonType.OK) : null;
        robot.interact(() -> size.setText("2 GiB"));
        assertTrue(ok.isDisabled());
        assertEquals("budget must be a size from 1 KiB to 1 GiB, e.g. 1 MiB, 256 KiB or 65536",
                robot.lookup("#budget-validation").queryAs(Label.class).getText());
        robot.interact(() -> size.setText("256 KiB"));
        assertFalse(ok.isDisabled());
        robot.clickOn(ok);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(256L << 10, window.currentSettings().captureBudget());
        assertEquals("Capture 256 KiB / conn", robot.lookup("#capture-budget").queryAs(Button.class).getText());
    }
}
