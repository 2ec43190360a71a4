package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.protocol.Address;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.model.ConnectionRow;
import netmon.ui.model.ConnectionsViewModel;
import netmon.ui.model.Dashboard;
import netmon.ui.model.Formats;
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

/**
 * The connections table's cells lay themselves out alone when their text changes ({@link RowCell}): what they
 * draw must still follow the model, including after the row count changed (which leaves the table needing
 * layout under a parent that does not know it). Checks the text actually laid out on screen, not the cell's text.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableCellsRedrawTest {
    FxEventBridge bridge;
    MainWindow window;
    TableView<ConnectionRow> table;
    Stage stage;
    /** The window's size before a test changed it, restored after it (the stage is shared by the test classes). */
    double width0 = Double.NaN, height0;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        bridge = new FxEventBridge();
        ScriptedEngine engine = new ScriptedEngine(bridge);
        Dashboard d = new Dashboard(bridge, new ServicesViewModel(engine, System::currentTimeMillis), new ConnectionsViewModel(), new StatusViewModel());
        window = new MainWindow(d, engine, Settings.defaults(ServicesViewModel.defaults()), null);
        window.show(stage);
    }

    @org.junit.jupiter.api.AfterEach
    void restoreSize(FxRobot robot) {
        if (Double.isNaN(width0)) return;
        robot.interact(() -> {
            stage.setWidth(width0);
            stage.setHeight(height0);
        });
    }

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            if (Double.isNaN(width0)) {
                width0 = stage.getWidth();
                height0 = stage.getHeight();
            }
            stage.setWidth(width);
            stage.setHeight(height);
        });
    }

    private void open(long id) {
        bridge.connectionOpened(new ConnectionInfo(id, 1, "echo", "tcp", new Address("TCP", "127.0.0.1", 50000 + (int) id),
                new Address("TCP", "127.0.0.1", 7000), System.currentTimeMillis(), false));
    }

    /** The text drawn in connection {@code id}'s cell of the column headed {@code column}, or null if not on screen. */
    private String drawn(long id, String column) {
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (!(n instanceof TableRow<?> row) || !row.isVisible() || !(row.getItem() instanceof ConnectionRow r) || r.id() != id) continue;
            for (Node c : row.getChildrenUnmodifiable()) {
                if (c instanceof TableCell<?, ?> cell && cell.getTableColumn() != null && column.equals(cell.getTableColumn().getText())) {
                    Node text = cell.lookup(".text");
                    return text instanceof Text t ? t.getText() : null;
                }
            }
        }
        return null;
    }

    private static void waitFor(Callable<Boolean> c, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS)) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void aByteCounterIsRedrawnOnTheClockTickAfterTheRowCountChanged(FxRobot robot) throws Exception {
        table = robot.lookup(".connections-table").queryTableView();
        robot.interact(() -> {
            for (long id = 1; id <= 3; id++) open(id);
            bridge.bytesReceived(1, ByteBuffer.allocate(1000));
        });
        waitFor(() -> "1000 B".equals(drawn(1, "In")), "the first count on screen");
        // Rows join the table (its row count changes) and connection 1 receives more: the next clock tick must
        // draw the new count though nothing else in the table changes after it.
        robot.interact(() -> {
            for (long id = 4; id <= 8; id++) open(id);
            bridge.bytesReceived(1, ByteBuffer.allocate(1 << 20));
        });
        waitFor(() -> table.getItems().size() == 8, "the new rows in the table");
        String want = Formats.bytes(1000 + (1 << 20));
        waitFor(() -> want.equals(drawn(1, "In")), "the new count drawn: " + want);
        assertEquals(want, WaitForAsyncUtils.asyncFx(() -> drawn(1, "In")).get(5, TimeUnit.SECONDS));
    }

    /** Cells whose width differs from their column's by more than half a pixel, over the rows on screen. */
    private int misplacedCells() {
        int bad = 0;
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (!(n instanceof TableRow<?> row) || !row.isVisible() || row.isEmpty()) continue;
            for (Node c : row.getChildrenUnmodifiable()) {
                if (c instanceof TableCell<?, ?> cell && cell.isVisible() && cell.getTableColumn() != null
                        && Math.abs(cell.getWidth() - cell.getTableColumn().getWidth()) > 0.5) bad++;
            }
        }
        return bad;
    }

    @Test
    void cellsFollowTheirColumnsWhenTheColumnWidthsChange(FxRobot robot) throws Exception {
        table = robot.lookup(".connections-table").queryTableView();
        robot.interact(() -> {
            for (long id = 1; id <= 4; id++) open(id);
        });
        waitFor(() -> table.getItems().size() == 4 && drawn(4, "ID") != null, "the rows on screen");
        // A narrower window narrows the columns (the table fits them to its width): the rows must place their
        // cells again, though the cells themselves lay out alone when only their text changes.
        resize(robot, stage.getWidth() - 200, stage.getHeight());
        waitFor(() -> misplacedCells() == 0, "every cell as wide as its column");
        // Enough rows for the vertical scroll bar, which takes width from the columns too.
        robot.interact(() -> {
            for (long id = 5; id <= 60; id++) open(id);
        });
        waitFor(() -> table.getItems().size() == 60, "the rows in the table");
        waitFor(() -> misplacedCells() == 0, "every cell as wide as its column with the scroll bar shown");
        assertEquals(0, (int) WaitForAsyncUtils.asyncFx(this::misplacedCells).get(5, TimeUnit.SECONDS));
    }

    /** Per column header text: the distinct x positions (in the table) of the cells' texts over the rows on screen. */
    private java.util.Map<String, java.util.Set<Long>> textColumnsX() {
        java.util.Map<String, java.util.Set<Long>> xs = new java.util.TreeMap<>();
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (!(n instanceof TableRow<?> row) || !row.isVisible() || row.isEmpty()) continue;
            for (Node c : row.getChildrenUnmodifiable()) {
                if (c instanceof TableCell<?, ?> cell && cell.isVisible() && cell.getTableColumn() != null) {
                    xs.computeIfAbsent(cell.getTableColumn().getText(), k -> new java.util.TreeSet<>())
                            .add(Math.round(table.sceneToLocal(cell.localToScene(0, 0)).getX()));
                }
            }
        }
        return xs;
    }

    @Test
    void rowsArrivingOneByOneLineUpWithTheirColumns(FxRobot robot) throws Exception {
        table = robot.lookup(".connections-table").queryTableView();
        // A low window: the rows soon need the vertical scroll bar, which narrows the columns under them.
        resize(robot, stage.getWidth(), 600);
        for (long id = 1; id <= 16; id++) {
            long i = id;
            robot.interact(() -> {
                open(i);
                bridge.bytesReceived(i, ByteBuffer.allocate((int) i * 900));
            });
            Thread.sleep(100);
        }
        for (int k = 0; k < 10; k++) {
            robot.interact(() -> {
                for (long id = 1; id <= 16; id++) bridge.bytesReceived(id, ByteBuffer.allocate((int) id * 900));
            });
            Thread.sleep(200);
        }
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                Snapshots.write(stage.getScene(), java.nio.file.Path.of("target/snapshots/cells-one-by-one.png"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        var xs = WaitForAsyncUtils.asyncFx(this::textColumnsX).get(5, TimeUnit.SECONDS);
        for (var e : xs.entrySet()) assertEquals(1, e.getValue().size(), "column " + e.getKey() + " cells at x " + e.getValue());
    }

    /** Rows on screen whose drawn ID or In differs from their connection's, top to bottom. */
    private List<String> rowsDrawingAnotherConnection() {
        List<String> wrong = new java.util.ArrayList<>();
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (!(n instanceof TableRow<?> row) || !row.isVisible() || !(row.getItem() instanceof ConnectionRow r)) continue;
            String id = drawn(r.id(), "ID");
            String in = drawn(r.id(), "In");
            if (!r.idText().equals(id) || !Formats.bytes(r.getBytesIn()).equals(in)) wrong.add(r.id() + " drawn as " + id + " / " + in);
        }
        return wrong;
    }

    @Test
    void afterAReSortEachRowDrawsItsOwnConnection(FxRobot robot) throws Exception {
        table = robot.lookup(".connections-table").queryTableView();
        robot.interact(() -> {
            for (long id = 1; id <= 30; id++) {
                open(id);
                bridge.bytesReceived(id, ByteBuffer.allocate((int) id * 100));
            }
        });
        waitFor(() -> table.getItems().size() == 30 && rowsDrawingAnotherConnection().isEmpty(), "the rows drawn");
        Node inHeader = robot.lookup(".column-header").match((Node h) -> h.lookup(".label") instanceof javafx.scene.control.Label l
                && "In".equals(l.getText())).query();
        robot.clickOn(inHeader).clickOn(inHeader);
        waitFor(() -> table.getItems().get(0).id() == 30, "sorted by In, most first");
        // The order turns over: the next re-sort gives every row on screen another connection.
        robot.interact(() -> {
            for (long id = 1; id <= 30; id++) bridge.bytesReceived(id, ByteBuffer.allocate((int) (31 - id) * 1000));
        });
        waitFor(() -> table.getItems().get(0).id() == 1, "re-sorted by the new counts");
        waitFor(() -> rowsDrawingAnotherConnection().isEmpty(), "every row drawing its own connection");
        assertEquals(List.of(), WaitForAsyncUtils.asyncFx(this::rowsDrawingAnotherConnection).get(5, TimeUnit.SECONDS));
    }
}
