package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netmon.engine.monitor.CloseReason;
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

/** The real window on a real reactor with real sockets on 127.0.0.1 (headless, Monocle). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetmonWindowTest {
    LiveWindow live;
    SelectReactor reactor;
    MainWindow window;

    @Start
    void start(Stage stage) {
        live = LiveWindow.open(stage, Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"), new ListenerSpec("chat", "tcp:0"),
                new ListenerSpec("udp-echo", "udp:0"))));
        reactor = live.reactor;
        window = live.window;
    }

    @AfterEach
    void stopReactor() throws Exception {
        live.close();
    }

    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        LiveWindow.waitFor(condition);
    }

    ServiceRow row(int i) { return window.dashboard().services().rows().get(i); }

    void clickSwitch(FxRobot robot, int i) {
        robot.clickOn(robot.lookup("#switch-" + i + " .thumb-area").queryAs(Node.class));
    }

    int switchOn(FxRobot robot, int i) throws TimeoutException {
        clickSwitch(robot, i);
        waitFor(() -> row(i).getPhase() == ServiceRow.Phase.LISTENING);
        return row(i).handle().host().port();
    }

    ConnectionRow waitForRow(int clientPort) throws TimeoutException {
        ConnectionRow[] found = new ConnectionRow[1];
        waitFor(() -> {
            for (ConnectionRow r : window.dashboard().connections().rows()) {
                if (r.peer().port() == clientPort) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    void selectOnly(FxRobot robot, ConnectionRow r) {
        TableView<ConnectionRow> table = robot.lookup(".connections-table").queryTableView();
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(r);
        });
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length);
        return b;
    }

    @Test
    void switchingAListenerOnMakesARealConnectSucceedAndOffMakesItFail(FxRobot robot) throws Exception {
        int port = switchOn(robot, 0);
        assertEquals("listening on 127.0.0.1:" + port, robot.lookup("#state-0").queryAs(Label.class).getText());
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello\n", new String(readFully(s.getInputStream(), 6), StandardCharsets.US_ASCII));
        }
        clickSwitch(robot, 0);
        waitFor(() -> row(0).getPhase() == ServiceRow.Phase.STOPPED);
        assertEquals("stopped", robot.lookup("#state-0").queryAs(Label.class).getText());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void aRealClientAppearsAsARowWithItsPeerHostAndByteCounts(FxRobot robot) throws Exception {
        int port = switchOn(robot, 0);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            byte[] data = new byte[10_000];
            s.getOutputStream().write(data);
            readFully(s.getInputStream(), data.length);
            ConnectionRow r = waitForRow(s.getLocalPort());
            waitFor(() -> r.getBytesIn() == 10_000 && r.getBytesOut() == 10_000);
            assertEquals("echo", r.service());
            assertEquals("127.0.0.1:" + s.getLocalPort(), r.peerText());
            assertEquals("127.0.0.1:" + port, r.hostText());
            assertEquals("open", r.getState());
            TableView<ConnectionRow> table = robot.lookup(".connections-table").queryTableView();
            assertTrue(table.getItems().contains(r), "shown in the table");
            waitFor(() -> row(0).openConnectionsProperty().get() == 1);
        }
    }

    @Test
    void closeFromTheRowEndsTheRealSocketCleanly(FxRobot robot) throws Exception {
        int port = switchOn(robot, 0);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            ConnectionRow r = waitForRow(s.getLocalPort());
            selectOnly(robot, r);
            robot.type(KeyCode.DELETE);
            assertEquals(-1, s.getInputStream().read(), "clean EOF");
            waitFor(r::isClosed);
            assertEquals(CloseReason.DONE, r.closeReason());
            assertEquals("closed", r.getState());
        }
    }

    @Test
    void abortFromTheRowResetsTheRealSocket(FxRobot robot) throws Exception {
        int port = switchOn(robot, 0);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            ConnectionRow r = waitForRow(s.getLocalPort());
            selectOnly(robot, r);
            robot.press(KeyCode.SHIFT).type(KeyCode.DELETE).release(KeyCode.SHIFT);
            SocketException e = assertThrows(SocketException.class, () -> {
                // A reset shows on read (or on a write that follows it).
                s.getInputStream().read();
                s.getOutputStream().write(1);
                s.getInputStream().read();
            });
            assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
            waitFor(r::isClosed);
            assertEquals(CloseReason.ABORTED, r.closeReason());
        }
    }

    @Test
    void aPortInUseShowsItsErrorInTheRowAndInABanner(FxRobot robot) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            TextField ep = robot.lookup("#endpoint-1").queryAs(TextField.class);
            robot.interact(() -> ep.setText("tcp:" + taken.getLocalPort()));
            clickSwitch(robot, 1);
            waitFor(() -> row(1).getPhase() == ServiceRow.Phase.FAILED);
            String state = robot.lookup("#state-1").queryAs(Label.class).getText();
            assertTrue(state.startsWith("failed: ") && state.contains("address already in use"), state);
            assertFalse(row(1).isSwitchOn());
            assertTrue(robot.lookup("#banner").tryQuery().isPresent(), "a notification in the window");
            assertTrue(ep.isEditable() && !ep.isDisabled(), "the endpoint can be fixed");
        }
    }

    @Test
    void aBadEndpointCannotBeStartedAndSaysWhy(FxRobot robot) throws Exception {
        TextField ep = robot.lookup("#endpoint-0").queryAs(TextField.class);
        robot.clickOn(ep);
        robot.interact(ep::selectAll);
        robot.write("tcp:99999");
        Label validation = robot.lookup("#validation-0").queryAs(Label.class);
        assertEquals("tcp:99999", ep.getText());
        assertTrue(validation.isVisible());
        assertTrue(validation.getText().contains("65535"), validation.getText());
        clickSwitch(robot, 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(row(0).isSwitchOn());
        assertEquals(ServiceRow.Phase.FAILED, row(0).getPhase());
        assertEquals("failed: " + validation.getText(), robot.lookup("#state-0").queryAs(Label.class).getText());
    }

    @Test
    void aUdpPeerAppearsAsAFlowWithDatagramsEachWay(FxRobot robot) throws Exception {
        int port = switchOn(robot, 2);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(5000);
            byte[] data = "ping".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 3; i++) {
                s.send(new DatagramPacket(data, data.length, InetAddress.getByName("127.0.0.1"), port));
                DatagramPacket back = new DatagramPacket(new byte[100], 100);
                s.receive(back);
                assertEquals(4, back.getLength());
            }
            ConnectionRow r = waitForRow(s.getLocalPort());
            waitFor(() -> r.getDatagramsIn() == 3 && r.getDatagramsOut() == 3);
            assertTrue(r.isDatagram());
            assertEquals(12, r.getBytesIn());
            assertEquals("127.0.0.1:" + port, r.hostText());
        }
    }
}
