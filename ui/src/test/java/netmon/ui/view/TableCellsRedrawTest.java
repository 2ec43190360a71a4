package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
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

    @Start
    void start(Stage stage) {
        bridge = new FxEventBridge();
        ScriptedEngine engine = new ScriptedEngine(bridge);
        Dashboard d = new Dashboard(bridge, new ServicesViewModel(engine, System::currentTimeMillis), new ConnectionsViewModel(), new StatusViewModel());
        window = new MainWindow(d, engine, Settings.defaults(ServicesViewModel.defaults()), null);
        window.show(stage);
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
}
