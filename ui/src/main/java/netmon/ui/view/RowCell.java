package netmon.ui.view;

import javafx.scene.Parent;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import netmon.ui.model.ConnectionRow;

/**
 * A connections-table cell whose own content changes lay out the cell alone. A cell's size never depends on
 * its content here (rows have a fixed height, the table sets the column widths), but a plain cell's layout
 * request goes up to its row, and a row needing layout makes the table's VirtualFlow rebuild every visible row
 * (CSS and layout of every cell on screen): a byte counter changing in one cell cost as much as scrolling a
 * page. Text set through {@link #show}, and whatever the cell's own layout then asks for, marks only this cell
 * for the next layout pass while it sits in a row of a table with fixed cell size. Every other request (its
 * column's width changed, say, which its row must act on) goes up as usual. FX thread.
 */
abstract class RowCell<T> extends TableCell<ConnectionRow, T> {
    /** Set while the cell changes its own content or lays it out: layout requests then stay in the cell. */
    private boolean own;

    /** Shows {@code text} (null: none), laying out this cell alone. FX thread. */
    protected final void show(String text) {
        assert javafx.application.Platform.isFxApplicationThread();
        boolean was = own;
        own = true;
        try {
            setText(text);
        } finally {
            own = was;
        }
    }

    @Override
    protected void layoutChildren() {
        // Laying out the new text resizes the label's text node, which asks this cell for layout again.
        boolean was = own;
        own = true;
        try {
            super.layoutChildren();
        } finally {
            own = was;
        }
    }

    @Override
    public void requestLayout() {
        // getParent() is null while the cell is being built (the table's fields are not set yet then), and a
        // cell outside a row (a column's fit-to-content measuring cell) must tell its parent as usual.
        if (own && getParent() instanceof TableRow<?> && getTableView() != null && getTableView().getFixedCellSize() > 0) {
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
     * the middle of the table's layout when the row count changes), so a node can be left needing layout under
     * a parent that does not know it, where the layout pass never looks, and this cell would wait there for an
     * unrelated change. Each such ancestor is asked again, which passes the request up.
     */
    private void linkUp() {
        for (Parent p = getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            if (p.isNeedsLayout() && !p.getParent().isNeedsLayout()) p.requestLayout();
        }
    }
}
