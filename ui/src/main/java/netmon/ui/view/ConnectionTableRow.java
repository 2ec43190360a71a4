package netmon.ui.view;

import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import netmon.ui.model.ConnectionRow;

/** A table row that shows a connection's freshness and closed state as the {@code :fresh} and {@code :closed} pseudo-classes. */
final class ConnectionTableRow extends TableRow<ConnectionRow> {
    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");
    private static final PseudoClass CLOSED = PseudoClass.getPseudoClass("closed");

    private final ChangeListener<Boolean> freshListener = (o, a, b) -> pseudoClassStateChanged(FRESH, b);
    private final ChangeListener<Boolean> closedListener = (o, a, b) -> pseudoClassStateChanged(CLOSED, b);
    private ConnectionRow watched;

    @Override
    protected void updateItem(ConnectionRow item, boolean empty) {
        super.updateItem(item, empty);
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
