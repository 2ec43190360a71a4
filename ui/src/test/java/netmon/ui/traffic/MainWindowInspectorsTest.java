package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import netmon.engine.defer.Deferred;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.model.ConnectionRow;
import netmon.ui.model.ServiceRow;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import netmon.ui.view.LiveWindow;
import netmon.ui.view.MainWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The inspectors inside the real main window: selecting a row shows that connection's or flow's traffic. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainWindowInspectorsTest {
    LiveWindow live;
    SelectReactor reactor;
    MainWindow window;
    Inspectors ins;

    @Start
    void start(Stage stage) {
        live = LiveWindow.openWithInspectors(stage, Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"), new ListenerSpec("udp-echo", "udp:0"))));
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

    int switchOn(FxRobot robot, int i) throws TimeoutException {
        ServiceRow r = window.dashboard().services().rows().get(i);
        robot.interact(() -> window.dashboard().services().switchOn(r));
        waitFor(() -> r.getPhase() == ServiceRow.Phase.LISTENING);
        return r.handle().host().port();
    }

    ConnectionRow rowWithPeerPort(int port) throws TimeoutException {
        ConnectionRow[] found = new ConnectionRow[1];
        waitFor(() -> {
            for (ConnectionRow r : window.dashboard().connections().rows()) {
                if (r.peer() != null && r.peer().port() == port) found[0] = r;
            }
            return found[0] != null;
        });
        return found[0];
    }

    @SuppressWarnings("unchecked")
    void select(FxRobot robot, ConnectionRow r) {
        TableView<ConnectionRow> table = robot.lookup(".connections-table").queryTableView();
        robot.interact(() -> table.getSelectionModel().clearAndSelect(table.getItems().indexOf(r)));
    }

    @Test
    void selectingATcpRowShowsItsTrafficInOrder(FxRobot robot) throws Exception {
        int port = switchOn(robot, 0);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (String m : List.of("one\n", "two\n")) {
                out.write(m.getBytes(StandardCharsets.US_ASCII));
                in.readNBytes(m.length());
            }
            ConnectionRow r = rowWithPeerPort(s.getLocalPort());
            select(robot, r);
            waitFor(() -> ins.traffic().chunks().size() >= 4);
            assertEquals(StreamKey.tcp(r.id()), ins.traffic().streamProperty().get());
            assertEquals(List.of("one\n", "one\n", "two\n", "two\n"),
                    ins.traffic().chunks().stream().map(c -> new String(c.data(), StandardCharsets.US_ASCII)).toList());
            assertEquals(List.of(Direction.IN, Direction.OUT, Direction.IN, Direction.OUT),
                    ins.traffic().chunks().stream().map(Chunk::direction).toList());
        }
    }

    @Test
    void selectingAUdpFlowRowShowsItsDatagrams(FxRobot robot) throws Exception {
        int port = switchOn(robot, 1);
        try (DatagramSocket u = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            u.setSoTimeout(5000);
            byte[] q = "ping".getBytes(StandardCharsets.US_ASCII);
            u.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), port));
            u.receive(new DatagramPacket(new byte[16], 16));
            ConnectionRow r = rowWithPeerPort(u.getLocalPort());
            assertTrue(r.isDatagram());
            select(robot, r);
            waitFor(() -> ins.traffic().chunks().size() >= 2);
            assertEquals(List.of(Direction.IN, Direction.OUT), ins.traffic().chunks().stream().map(Chunk::direction).toList());
        }
    }

    @Test
    void anUnhandledFailureShowsInTheStatusBar(FxRobot robot) throws Exception {
        Deferred<String>[] d = new Deferred[1];
        robot.interact(() -> d[0] = Deferred.fail(new IllegalStateException("nobody handles me")));
        waitFor(() -> robot.lookup("#status-unhandled").queryAs(Label.class).isVisible());
        assertTrue(robot.lookup("#status-unhandled").queryAs(Label.class).getText().endsWith(" unhandled"));
        robot.interact(() -> d[0].addErrback(f -> null));
    }
}
