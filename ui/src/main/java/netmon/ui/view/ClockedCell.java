package netmon.ui.view;

import java.util.function.BiFunction;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.value.ObservableLongValue;
import netmon.ui.model.ConnectionRow;

/**
 * A connections-table cell for values that change once a second for every row at once (age, rate): it
 * re-renders when the view-model's clock ticks, so only the cells on screen do any work, never the
 * thousands of rows off screen. FX thread.
 */
class ClockedCell extends RowCell<ConnectionRow> {
    private final ObservableLongValue clock;
    private final BiFunction<ConnectionRow, Long, String> text;
    private String shown;
    // Held here and registered weakly: cells the table throws away must not stay reachable from the clock.
    private final InvalidationListener onTick = o -> render();

    ClockedCell(ObservableLongValue clock, BiFunction<ConnectionRow, Long, String> text) {
        this.clock = clock;
        this.text = text;
        clock.addListener(new WeakInvalidationListener(onTick));
    }

    @Override
    protected void updateItem(ConnectionRow r, boolean empty) {
        super.updateItem(r, empty);
        shown = null;
        render();
    }

    /** Draws the current value; unchanged text is not set again (no layout for nothing). */
    void render() {
        ConnectionRow r = getItem();
        String s = r == null || isEmpty() ? null : text.apply(r, now());
        if (s == null ? shown == null && getText() == null : s.equals(shown)) return;
        shown = s;
        show(s);
    }

    /** The clock's time, or the wall clock before its first tick. */
    long now() {
        long t = clock.get();
        return t == 0 ? System.currentTimeMillis() : t;
    }
}
