package netmon.ui.chart;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import netmon.ui.model.Formats;

/**
 * A live chart of bytes per second in, out and in total over the last three minutes, for all services or
 * one. Redrawn once a second from {@link ThroughputModel} while it is showing (a hidden tab samples but does
 * not redraw: a redraw re-lays out the axes and paths, work the user cannot see); the chart does not
 * animate. FX thread.
 */
public final class ThroughputPane extends BorderPane {
    private final ThroughputModel model;
    private final XYChart.Series<Number, Number> in = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> out = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> total = new XYChart.Series<>();
    private final ChoiceBox<String> which = new ChoiceBox<>();
    private final Label now = new Label();
    private final LineChart<Number, Number> chart;
    /** Samples taken since the last redraw: redrawn as soon as the pane shows again. */
    private boolean stale;

    /** A pane drawing {@code model}. */
    public ThroughputPane(ThroughputModel model) {
        this.model = model;
        getStyleClass().add("throughput-pane");
        NumberAxis x = new NumberAxis(-ThroughputModel.POINTS, 0, 30);
        x.setLabel("seconds ago");
        x.setAutoRanging(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("per second");
        y.setForceZeroInRange(true);
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number n) { return Formats.bytes(n.doubleValue()); }
            @Override public Number fromString(String s) { return 0; }
        });
        chart = new LineChart<>(x, y);
        chart.setId("throughput-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        in.setName("in");
        out.setName("out");
        total.setName("total");
        chart.getData().setAll(List.of(in, out, total));
        which.setId("throughput-which");
        which.getItems().setAll(ThroughputModel.ALL);
        which.setValue(ThroughputModel.ALL);
        which.valueProperty().addListener((o, a, b) -> redraw());
        now.setId("throughput-now");
        now.getStyleClass().add("throughput-now");
        HBox bar = new HBox(8, new Label("Show"), which, now);
        bar.setAlignment(Pos.CENTER_LEFT);
        setTop(bar);
        setCenter(chart);
    }

    /** Once per pulse: samples and, once a second and only while the pane shows, redraws. FX thread. */
    public void pulse(long nowMillis) {
        if (model.sample(nowMillis)) stale = true;
        if (!stale || !showing()) return;
        stale = false;
        List<String> names = model.names();
        if (!names.equals(which.getItems())) {
            String v = which.getValue();
            which.getItems().setAll(names);
            which.setValue(names.contains(v) ? v : ThroughputModel.ALL);
        }
        redraw();
    }

    /** True if this pane and every parent up to its scene's root is visible (e.g. its tab is selected). */
    boolean showing() {
        if (getScene() == null) return false;
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) return false;
        }
        return true;
    }

    private void redraw() {
        String name = which.getValue() == null ? ThroughputModel.ALL : which.getValue();
        List<ThroughputModel.Sample> s = model.samples(name);
        if (s.isEmpty()) return;
        long end = s.get(s.size() - 1).timeMillis();
        in.getData().setAll(s.stream().map(p -> point(p, end, p.inPerSecond())).toList());
        out.getData().setAll(s.stream().map(p -> point(p, end, p.outPerSecond())).toList());
        total.getData().setAll(s.stream().map(p -> point(p, end, p.total())).toList());
        ThroughputModel.Sample last = s.get(s.size() - 1);
        now.setText(String.format(Locale.ROOT, "now: in %s/s · out %s/s · total %s/s", Formats.bytes(last.inPerSecond()),
                Formats.bytes(last.outPerSecond()), Formats.bytes(last.total())));
    }

    private static XYChart.Data<Number, Number> point(ThroughputModel.Sample p, long end, double v) {
        return new XYChart.Data<>((p.timeMillis() - end) / 1000.0, v);
    }

    /** The chart, for tests. */
    LineChart<Number, Number> chart() { return chart; }
}
