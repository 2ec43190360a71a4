package netmon.ui.view;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.value.ObservableLongValue;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import netmon.ui.model.ConnectionRow;
import netmon.ui.model.Formats;

/**
 * A connection's throughput over the last minute as a sparkline: one small canvas per visible cell, drawn
 * from the row's ring of per-second samples when the view-model's clock ticks (once a second), never per
 * event. Each line is scaled to its own peak, which the tooltip gives. FX thread.
 */
final class SparklineCell extends RowCell<ConnectionRow> {
    static final double WIDTH = ConnectionRow.SPARK_SECONDS * 1.25;
    static final double HEIGHT = 14;

    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private final Tooltip tip = new Tooltip();
    private final InvalidationListener onTick = o -> draw();

    SparklineCell(ObservableLongValue clock) {
        getStyleClass().add("sparkline-cell");
        clock.addListener(new WeakInvalidationListener(onTick));
        // The line takes the cell's text colour (set in the stylesheet per theme) when the skin applies CSS.
        textFillProperty().addListener(o -> draw());
    }

    @Override
    protected void updateItem(ConnectionRow r, boolean empty) {
        super.updateItem(r, empty);
        show(null);
        if (r == null || empty) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        setGraphic(canvas);
        setTooltip(tip);
        draw();
    }

    /** Redraws the canvas from the row's samples. */
    void draw() {
        ConnectionRow r = getItem();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, WIDTH, HEIGHT);
        if (r == null || isEmpty()) return;
        float[] s = r.sparkline();
        float peak = 0;
        for (float v : s) peak = Math.max(peak, v);
        tip.setText("last " + s.length + " s, peak " + (peak < 0.5 ? "0 B/s" : Formats.rate(peak)));
        if (s.length < 2) return;
        Paint p = getTextFill();
        Color line = p instanceof Color c ? c : Color.web("#0969da");
        double step = WIDTH / (ConnectionRow.SPARK_SECONDS - 1);
        // Newest sample at the right edge; a young connection's line starts part-way across.
        double x0 = WIDTH - (s.length - 1) * step;
        double scale = peak <= 0 ? 0 : (HEIGHT - 2) / peak;
        g.beginPath();
        g.moveTo(x0, HEIGHT);
        for (int i = 0; i < s.length; i++) g.lineTo(x0 + i * step, HEIGHT - 1 - s[i] * scale);
        g.lineTo(x0 + (s.length - 1) * step, HEIGHT);
        g.closePath();
        g.setFill(line.deriveColor(0, 1, 1, 0.25));
        g.fill();
        g.beginPath();
        for (int i = 0; i < s.length; i++) {
            double x = x0 + i * step;
            double y = HEIGHT - 1 - s[i] * scale;
            if (i == 0) g.moveTo(x, y);
            else g.lineTo(x, y);
        }
        g.setStroke(line);
        g.setLineWidth(1);
        g.stroke();
    }
}
