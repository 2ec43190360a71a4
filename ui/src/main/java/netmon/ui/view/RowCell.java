package netmon.ui.view;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import netmon.ui.model.ConnectionRow;

/**
 * A connections-table cell whose content changes lay out the cell alone. A cell's size never depends on its
 * content here (rows have a fixed height, the table sets the column widths), but a plain cell's layout request
 * goes up to its row, and a row needing layout makes the table's VirtualFlow rebuild every visible row (CSS
 * and layout of every cell on screen): a byte counter changing in one cell cost as much as scrolling a page.
 * Asked for layout while it sits in a row of a table with fixed cell size, this cell marks itself for the next
 * layout pass and leaves its row and the table untouched. FX thread.
 */
abstract class RowCell<T> extends TableCell<ConnectionRow, T> {

    @Override
    public void requestLayout() {
        // getParent() is null while the cell is being built (the table's fields are not set yet then), and a
        // cell outside a row (a column's fit-to-content measuring cell) must tell its parent as usual.
        if (getParent() instanceof TableRow<?> && getTableView() != null && getTableView().getFixedCellSize() > 0) {
            setNeedsLayout(true);
            linkUp();
        } else {
            super.requestLayout();
        }
    }

    /**
     * Marking this cell for layout marks its ancestors as holding a dirty branch, up to the first one already
     * marked, on the assumption that a marked node's parent is marked too. JavaFX breaks that: a layout request
     * made while the parent is laying out is not passed up (the table's VirtualFlow asks its parent for layout in
     * the middle of the table's layout when the row count changes), so the table can be left needing layout under
     * a clean parent, where the layout pass never looks, and this cell would wait there for an unrelated change.
     * The highest ancestor needing layout under a parent that does not is asked again, which passes it up.
     */
    private void linkUp() {
        javafx.scene.Parent stale = null;
        for (javafx.scene.Parent p = getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            if (p.isNeedsLayout() && !p.getParent().isNeedsLayout()) stale = p;
        }
        if (stale != null) stale.requestLayout();
    }
}
