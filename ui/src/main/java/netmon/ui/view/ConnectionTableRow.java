package netmon.ui.view;

import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import netmon.ui.model.ConnectionRow;

/**
 * A table row that shows a connection's freshness and closed state as the {@code :fresh} and {@code :closed}
 * pseudo-classes. Given another connection (a re-sort, rows leaving above it), it does not ask for layout:
 * its cells take their new values and lay themselves out ({@link RowCell}), and where they sit depends only on
 * the columns. A row asking for layout there made the table restyle it whole (CSS of every cell) on every
 * re-sort. FX thread.
 */
final class ConnectionTableRow extends TableRow<ConnectionRow> {
    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");
    private static final PseudoClass CLOSED = PseudoClass.getPseudoClass("closed");

    private final ChangeListener<Boolean> freshListener = (o, a, b) -> pseudoClassStateChanged(FRESH, b);
    private final ChangeListener<Boolean> closedListener = (o, a, b) -> pseudoClassStateChanged(CLOSED, b);
    private ConnectionRow watched;
    /** Set while the row takes another item: its skin's layout request then is not needed (see the class). */
    private boolean changingItem;

    @Override
    public void requestLayout() {
        // getParent() is null while the row is being built; a row that is not yet in the table's sheet, or
        // rows of a table without fixed cell size (content sets their height), ask as usual.
        if (changingItem && getParent() != null && getTableView() != null && getTableView().getFixedCellSize() > 0) return;
        super.requestLayout();
    }

    @Override
    protected void updateItem(ConnectionRow item, boolean empty) {
        boolean was = changingItem;
        changingItem = !isEmpty() && !empty;
        try {
            super.updateItem(item, empty);
        } finally {
            changingItem = was;
        }
        if (watched != null) {
            watched.freshProperty().removeListener(freshListener);
            watched.closedProperty().removeListener(closedListener);
            watched = null;
        }
        if (item == null || empty) {
            pseudoClassStateChanged(FRESH, false);
            pseudoClassStateChanged(CLOSED, false);
            return;
        }
        watched = item;
        item.freshProperty().addListener(freshListener);
        item.closedProperty().addListener(closedListener);
        pseudoClassStateChanged(FRESH, item.freshProperty().get());
        pseudoClassStateChanged(CLOSED, item.isClosed());
    }
}
