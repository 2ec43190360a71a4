package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.ReactorHealth;
import netmon.engine.protocol.Address;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.model.ConnectionRow;
import netmon.ui.model.ConnectionsViewModel;
import netmon.ui.model.Dashboard;
import netmon.ui.model.ServicesViewModel;
import netmon.ui.model.StatusViewModel;
import netmon.ui.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window with scripted (socket-free) engine events: layout, actions, banner. Real sockets: NetmonWindowTest. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainWindowLayoutTest {
    FxEventBridge bridge;
    ScriptedEngine engine;
    MainWindow window;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        bridge = new FxEventBridge();
        engine = new ScriptedEngine(bridge);
        Dashboard d = new Dashboard(bridge, new ServicesViewModel(engine, System::currentTimeMillis), new ConnectionsViewModel(), new StatusViewModel());
        window = new MainWindow(d, engine, Settings.defaults(ServicesViewModel.defaults()), null);
        window.show(stage);
    }

    void traffic() {
        long now = System.currentTimeMillis();
        bridge.listenerStarted(new ListenerInfo(1, "echo", "tcp", new Address("TCP", "127.0.0.1", 7000)));
        bridge.listenerStarted(new ListenerInfo(3, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7002)));
        for (int c = 1; c <= 14; c++) {
            bridge.connectionOpened(new ConnectionInfo(c, 1, c % 3 == 0 ? "chat" : "echo", "tcp",
                    new Address("TCP", "127.0.0.1", 51000 + c * 17), new Address("TCP", "127.0.0.1", c % 3 == 0 ? 7001 : 7000),
                    now - c * 9_000L, false));
            bridge.bytesReceived(c, ByteBuffer.allocate(c * 1337));
            bridge.bytesSent(c, ByteBuffer.allocate(c * 1337));
        }
        bridge.outboundBuffer(4, 262_144, true);
        bridge.connectionStateChanged(5, ConnectionState.READ_CLOSED);
        bridge.connectionClosed(6, CloseReason.LOST, "Connection reset by peer");
        bridge.datagramReceived(3, new Address("UDP", "127.0.0.1", 40404), ByteBuffer.allocate(512));
        bridge.datagramSent(3, new Address("UDP", "127.0.0.1", 40404), ByteBuffer.allocate(512));
        bridge.reactorHealth(new ReactorHealth(0.4, 1.2, 3, 13, 2, 900, 4200, 1000));
    }

    @Test
    void rowsShowPeerHostAndCountsAndTheWindowFitsAt1280x800(FxRobot robot) throws Exception {
        robot.interact(this::traffic);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ConnectionRow> table = robot.lookup(".connections-table").queryTableView();
        assertEquals(ConnectionsViewModel.ALL_SERVICES, window.dashboard().connections().serviceFilterProperty().get());
        assertEquals(15, table.getItems().size());
        ConnectionRow r = window.dashboard().connections().row(2);
        assertEquals("127.0.0.1:51034", r.peerText());
        assertEquals(2674, r.getBytesIn());
        assertEquals("lost: Connection reset by peer", window.dashboard().connections().row(6).getState());
        robot.interact(() -> {
            try {
                Snapshots.write(stage.getScene(), Path.of("target/snapshots/layout-1280x800.png"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(robot.lookup("#state-0").queryAs(Label.class).isVisible());
    }

    @Test
    void onANarrowWindowTheStatusFiguresStayWholeAndTheKeyHintGivesWay(FxRobot robot) {
        robot.interact(this::traffic);
        robot.interact(() -> stage.setWidth(960));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        for (Label l : robot.lookup(".status-item").queryAllAs(Label.class)) {
            assertTrue(l.getWidth() >= l.prefWidth(-1) - 0.5, "status figure shown whole: " + l.getText());
        }
        Label hint = robot.lookup(".status-hint").queryAs(Label.class);
        assertTrue(hint.getWidth() < hint.prefWidth(-1), "the hint is what shrinks");
    }

    @Test
    void aBadEndpointShowsWhyAndItsSwitchCannotStartIt(FxRobot robot) {
        TextField ep = robot.lookup("#endpoint-0").queryAs(TextField.class);
        robot.interact(() -> ep.setText("tcp:70000"));
        Label validation = robot.lookup("#validation-0").queryAs(Label.class);
        assertEquals("bad endpoint 'tcp:70000': port must be 0-65535, got 70000", validation.getText());
        assertTrue(validation.isVisible());
        robot.clickOn(robot.lookup("#switch-0 .thumb-area").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("failed: bad endpoint 'tcp:70000': port must be 0-65535, got 70000", robot.lookup("#state-0").queryAs(Label.class).getText());
        assertFalse(window.dashboard().services().rows().get(0).isSwitchOn());
        assertTrue(robot.lookup("#banner").tryQuery().isPresent(), "a notification in the window");
    }

    @Test
    void clickingAHeaderSortsByItsLiveCountAndTheOrderFollowsTheCountsWithTheSelectionKept(FxRobot robot) {
        robot.interact(this::traffic);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ConnectionRow> table = robot.lookup(".connections-table").queryTableView();
        Node inHeader = robot.lookup(".column-header").match((Node n) -> n.lookup(".label") instanceof Label l && "In".equals(l.getText()))
                .query();
        robot.clickOn(inHeader).clickOn(inHeader);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(javafx.scene.control.TableColumn.SortType.DESCENDING, table.getSortOrder().get(0).getSortType());
        assertEquals(14L, table.getItems().get(0).id(), "most bytes in first");
        ConnectionsViewModel vm = window.dashboard().connections();
        ConnectionRow second = table.getItems().get(1);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(1));

        // Connection 1 had the fewest bytes; now it has the most. The next clock tick moves it to the top.
        robot.interact(() -> {
            bridge.bytesReceived(1, ByteBuffer.allocate(1_000_000));
            window.dashboard().drainNow(System.currentTimeMillis());
            vm.tick(System.currentTimeMillis() + 5_000);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1L, table.getItems().get(0).id());
        assertEquals(14L, table.getItems().get(1).id());
        assertEquals(second, table.getSelectionModel().getSelectedItem(), "the selected connection stays selected as it moves");
        assertEquals(2, table.getSelectionModel().getSelectedIndex());

        robot.interact(() -> table.getSortOrder().clear());
        assertEquals(1L, table.getItems().get(0).id(), "no sort: arrival order");
        assertEquals(2L, table.getItems().get(1).id());
    }

    @Test
    void closeAndAbortFromTheKeyboardActOnTheSelectedRow(FxRobot robot) {
        robot.interact(this::traffic);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ConnectionRow> table = robot.lookup(".connections-table").queryTableView();
        robot.interact(() -> {
            table.getSortOrder().clear();
            window.dashboard().connections().filterTextProperty().set("51034");
        });
        assertEquals(1, table.getItems().size());
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(0);
        });
        robot.type(javafx.scene.input.KeyCode.DELETE);
        assertEquals(List.of(2L), engine.closed);
        robot.interact(() -> window.dashboard().connections().filterTextProperty().set("51051"));
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(0);
        });
        robot.press(javafx.scene.input.KeyCode.SHIFT).type(javafx.scene.input.KeyCode.DELETE).release(javafx.scene.input.KeyCode.SHIFT);
        assertEquals(List.of(3L), engine.aborted);
    }

    @Test
    void aFocusedSwitchTogglesWithTheSpaceKey(FxRobot robot) throws Exception {
        Node sw = robot.lookup("#switch-0").queryAs(Node.class);
        robot.interact(sw::requestFocus);
        robot.type(javafx.scene.input.KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.dashboard().services().rows().get(0).isSwitchOn());
        assertEquals("listening on 127.0.0.1:7000", robot.lookup("#state-0").queryAs(Label.class).getText());
    }

    @Test
    void listenersThemeAndWindowSizeAreRememberedAcrossASaveAndLoad(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        robot.interact(() -> window.controller().addListener.getItems().stream()
                .filter(i -> "add-chat".equals(i.getId())).findFirst().orElseThrow().fire());
        robot.clickOn(robot.lookup(".toggle-button").queryAs(Node.class));
        robot.interact(() -> stage.setWidth(1100));
        Settings s = window.currentSettings();
        assertEquals(4, s.listeners().size());
        assertEquals(new netmon.ui.settings.ListenerSpec("chat", "tcp:0"), s.listeners().get(3));
        assertEquals("dark", s.theme());
        assertEquals(1100, s.width(), 1);
        netmon.ui.settings.SettingsStore store = new netmon.ui.settings.SettingsStore(dir.resolve("settings.properties"));
        store.save(s);
        assertEquals(s, store.load(Settings.defaults(List.of())).settings());
    }

    @Test
    void eachRowOnScreenDrawsItsThroughputOfTheLastSecondsAsASparkline(FxRobot robot) throws Exception {
        robot.interact(this::traffic);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // Samples are taken once a second: keep bytes flowing until the row has a few.
        while (System.nanoTime() < deadline) {
            robot.interact(() -> bridge.bytesReceived(2, ByteBuffer.allocate(50_000)));
            WaitForAsyncUtils.sleep(250, TimeUnit.MILLISECONDS);
            float[] s = WaitForAsyncUtils.asyncFx(() -> window.dashboard().connections().row(2).sparkline()).get();
            if (s.length >= 3) break;
        }
        WaitForAsyncUtils.sleep(1100, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        SparklineCell cell = robot.lookup(".sparkline-cell").queryAllAs(SparklineCell.class).stream()
                .filter(c -> c.getItem() != null && c.getItem().id() == 2).findFirst().orElseThrow();
        javafx.scene.image.WritableImage img = WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
            p.setFill(javafx.scene.paint.Color.TRANSPARENT);
            return ((javafx.scene.canvas.Canvas) cell.getGraphic()).snapshot(p, null);
        }).get();
        int drawn = 0;
        for (int x = 0; x < (int) img.getWidth(); x++) {
            for (int y = 0; y < (int) img.getHeight(); y++) if (img.getPixelReader().getColor(x, y).getOpacity() > 0.2) drawn++;
        }
        assertTrue(drawn > 20, "the line is drawn, " + drawn + " pixels");
        assertTrue(cell.getTooltip().getText().startsWith("last "), cell.getTooltip().getText());
    }
}
