package netmon.ui.traffic;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import netmon.ui.model.Formats;

/**
 * The traffic inspector: one cell per chunk (direction-coloured header with time, sequence and size; the
 * bytes as escaped text or a hex dump below), a detail area with the selected chunk in full, search, and
 * follow that pauses when the user scrolls up and resumes at the bottom or with the Follow button.
 * The ListView virtualises, so a stream of 65,536 chunks costs only the visible cells. FX thread.
 */
public final class TrafficPane extends BorderPane {
    /** Bytes of a chunk shown inline in text mode; the rest is in the detail area. */
    static final int INLINE_TEXT_BYTES = 2048;
    /** Bytes of a chunk shown inline in hex mode. */
    static final int INLINE_HEX_BYTES = 256;

    private final TrafficViewModel model;
    private final ListView<Chunk> list = new ListView<>();
    private final TextArea detail = new TextArea();
    private final TextField search = new TextField();
    private final Label dropped = new Label();
    private final Label stats = new Label();
    private final Label title = new Label();
    private final ToggleButton follow = new ToggleButton("Follow");
    private HBox bar;
    private HBox info;
    private final Label exportNotice = new Label();
    private String query = "";
    private final javafx.beans.property.IntegerProperty limitChanged = new javafx.beans.property.SimpleIntegerProperty();

    /** A pane showing {@code model}. */
    public TrafficPane(TrafficViewModel model) {
        this.model = model;
        getStyleClass().add("traffic-pane");
        getStylesheets().add(TrafficPane.class.getResource("traffic.css").toExternalForm());

        ToggleGroup modes = new ToggleGroup();
        ToggleButton text = new ToggleButton("Text");
        ToggleButton hex = new ToggleButton("Hex");
        text.setToggleGroup(modes);
        hex.setToggleGroup(modes);
        text.setId("traffic-text");
        hex.setId("traffic-hex");
        (model.modeProperty().get() == TrafficViewModel.Mode.HEX ? hex : text).setSelected(true);
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one mode is always chosen
                return;
            }
            model.modeProperty().set(b == hex ? TrafficViewModel.Mode.HEX : TrafficViewModel.Mode.TEXT);
        });
        model.modeProperty().addListener((o, a, b) -> {
            (b == TrafficViewModel.Mode.HEX ? hex : text).setSelected(true);
            list.refresh();
            showDetail(list.getSelectionModel().getSelectedItem());
        });
        follow.setId("traffic-follow");
        follow.selectedProperty().bindBidirectional(model.followProperty());
        follow.setTooltip(new Tooltip("Keep the newest chunk in view (scrolling up pauses it)"));
        follow.selectedProperty().addListener((o, a, on) -> {
            if (on) scrollToEnd();
        });

        search.setId("traffic-search");
        search.setPromptText("Search text, or hex:0d0a");
        search.setPrefColumnCount(16);
        search.setOnAction(e -> findNext());
        search.textProperty().addListener((o, a, b) -> {
            query = b == null ? "" : b.strip();
            list.refresh();
        });
        Button next = new Button("Find");
        next.setOnAction(e -> findNext());

        title.getStyleClass().add("traffic-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            String t = model.titleProperty().get();
            if (model.streamProperty().get() == null) return "Select a connection or UDP flow to see its traffic";
            return t + (model.closedProperty().get() ? "  (closed)" : "");
        }, model.titleProperty(), model.closedProperty(), model.streamProperty()));
        stats.getStyleClass().add("traffic-stats");
        stats.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%s in · %s out · %d chunks",
                Formats.bytes(model.bytesInProperty().get()), Formats.bytes(model.bytesOutProperty().get()), model.chunks().size()),
                model.bytesInProperty(), model.bytesOutProperty(), model.chunks()));
        dropped.setId("traffic-dropped");
        dropped.getStyleClass().add("traffic-dropped");
        dropped.visibleProperty().bind(model.droppedBytesProperty().greaterThan(0));
        dropped.managedProperty().bind(dropped.visibleProperty());

        javafx.scene.control.CheckBox captureOn = new javafx.scene.control.CheckBox("Capture");
        captureOn.setId("traffic-capture");
        captureOn.setTooltip(new Tooltip("Keep the bytes of this stream's listener (all its connections); counts go on either way"));
        captureOn.disableProperty().bind(model.listenerIdProperty().lessThan(0));
        Runnable syncCapture = () -> captureOn.setSelected(model.listenerIdProperty().get() < 0
                || model.capture().isListenerCaptured(model.listenerIdProperty().get()));
        model.listenerIdProperty().addListener((o, a, b) -> syncCapture.run());
        syncCapture.run();
        // Why the bytes were not kept: the per-stream limit, or capture switched off for the listener.
        dropped.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%,d bytes not kept (%s)",
                model.droppedBytesProperty().get(), captureOn.isSelected()
                        ? "limit " + Formats.bytes(model.capture().perStreamLimit()) + " per stream" : "capture is off"),
                model.droppedBytesProperty(), limitChanged, captureOn.selectedProperty()));
        captureOn.setOnAction(e -> {
            long l = model.listenerIdProperty().get();
            if (l >= 0) model.capture().setListenerCaptured(l, captureOn.isSelected());
        });
        javafx.scene.control.ChoiceBox<Integer> limit = new javafx.scene.control.ChoiceBox<>();
        limit.setId("traffic-limit");
        limit.getItems().setAll(256 << 10, 1 << 20, 4 << 20, 16 << 20);
        if (!limit.getItems().contains(model.capture().perStreamLimit())) limit.getItems().add(model.capture().perStreamLimit());
        limit.setValue(model.capture().perStreamLimit());
        limit.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Integer n) { return n == null ? "" : "keep " + Formats.bytes(n) + " per stream"; }
            @Override public Integer fromString(String s) { return null; }
        });
        limit.valueProperty().addListener((o, a, b) -> {
            if (b != null) model.capture().setPerStreamLimit(b);
            limitChanged.set(limitChanged.get() + 1);
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        bar = new HBox(6, text, hex, follow, captureOn, limit, gap, search, next);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("traffic-bar");
        info = new HBox(12, title, stats, dropped);
        info.setAlignment(Pos.CENTER_LEFT);
        info.getStyleClass().add("traffic-info");
        setTop(new VBox(4, bar, info));

        list.setId("traffic-list");
        list.setItems(model.chunks());
        list.setCellFactory(v -> new ChunkCell());
        Label empty = new Label();
        empty.setId("traffic-placeholder");
        // A listener with capture off still has its connections counted: say why their bytes are not here.
        empty.textProperty().bind(Bindings.when(captureOn.selectedProperty()).then("No traffic captured yet")
                .otherwise("Capture is off for this listener: tick Capture to keep its bytes from now on"));
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> showDetail(c));
        detail.setId("traffic-detail");
        detail.setEditable(false);
        detail.setWrapText(false);
        detail.getStyleClass().add("traffic-detail");
        detail.setPromptText("Select a chunk to see all of its bytes");
        SplitPane split = new SplitPane(list, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.8);
        setCenter(split);

        model.chunks().addListener((ListChangeListener<Chunk>) c -> {
            if (model.followProperty().get()) scrollToEnd();
        });
        // Follow pauses when the user moves up, and resumes when they scroll back to the end.
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) model.followProperty().set(false);
            else if (e.getDeltaY() < 0 && atEnd()) model.followProperty().set(true);
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            KeyCode k = e.getCode();
            if (k == KeyCode.UP || k == KeyCode.PAGE_UP || k == KeyCode.HOME) model.followProperty().set(false);
            if (k == KeyCode.END) model.followProperty().set(true);
        });
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            for (Node n = e.getPickResult().getIntersectedNode(); n != null && n != list; n = n.getParent()) {
                if (n instanceof ScrollBar) {
                    model.followProperty().set(false);
                    break;
                }
            }
        });
    }

    /** The view-model it shows. */
    public TrafficViewModel model() { return model; }

    /**
     * Adds "Export capture…" to this pane's tool bar and Ctrl+E to the scene it is shown in, and shows each
     * export's outcome beside the stream's title. The window has no menu bar (its header holds the service
     * controls), so the action sits where the captured bytes are shown. Call once. FX thread.
     */
    public void setExport(CaptureExport export) {
        Button b = new Button("Export capture…");
        b.setId("traffic-export");
        b.setTooltip(new Tooltip("Write everything captured (all connections and UDP flows) as a pcapng file "
                + "for Wireshark or tshark (" + CaptureExport.KEY.getDisplayText() + ")"));
        b.disableProperty().bind(export.runningProperty());
        b.setOnAction(e -> export.chooseAndExport(getScene() == null ? null : getScene().getWindow()));
        bar.getChildren().add(b);
        exportNotice.setId("traffic-export-notice");
        exportNotice.getStyleClass().add("export-notice");
        exportNotice.visibleProperty().bind(exportNotice.textProperty().isNotEmpty());
        exportNotice.managedProperty().bind(exportNotice.visibleProperty());
        export.lastResultProperty().addListener((o, a, r) -> {
            exportNotice.setText(r == null ? "" : r.message());
            exportNotice.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), r != null && !r.ok());
            exportNotice.setTooltip(r == null ? null : new Tooltip(r.message()));
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        info.getChildren().addAll(gap, exportNotice);
        sceneProperty().addListener((o, old, scene) -> {
            if (old != null) old.getAccelerators().remove(CaptureExport.KEY);
            if (scene != null) scene.getAccelerators().put(CaptureExport.KEY, () -> {
                if (!export.runningProperty().get()) export.chooseAndExport(scene.getWindow());
            });
        });
    }

    /** The export outcome label, for tests. */
    Label exportNotice() { return exportNotice; }

    /** The chunk list, for tests. */
    ListView<Chunk> list() { return list; }

    private ScrollBar verticalBar() {
        for (Node n : list.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar b && b.getOrientation() == Orientation.VERTICAL) return b;
        }
        return null;
    }

    private boolean atEnd() {
        ScrollBar b = verticalBar();
        return b == null || !b.isVisible() || b.getValue() >= b.getMax() - 0.02;
    }

    private void scrollToEnd() {
        int n = model.chunks().size();
        if (n == 0) return;
        // The flow's scrollTo shows the whole last cell; ListView.scrollTo would put it at the top and,
        // with cells of varied heights, can leave it cut off at the bottom.
        if (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) flow.scrollTo(n - 1);
        else list.scrollTo(n - 1);
    }

    private void findNext() {
        int from = list.getSelectionModel().getSelectedIndex() + 1;
        int i = model.find(query, from);
        if (i < 0) {
            search.getStyleClass().add("not-found");
            return;
        }
        search.getStyleClass().removeAll("not-found");
        model.followProperty().set(false);
        list.getSelectionModel().clearAndSelect(i);
        list.scrollTo(i);
    }

    private void showDetail(Chunk c) {
        if (c == null) {
            detail.clear();
            return;
        }
        detail.setText(model.modeProperty().get() == TrafficViewModel.Mode.HEX
                ? Escapes.hex(c.data(), 0, c.size(), c.offset())
                : Escapes.text(c.data()));
    }

    static String header(Chunk c) {
        return String.format(Locale.ROOT, "%s %-3s  %s  #%d  %,d B  @%,d", c.direction().arrow(), c.direction().word(),
                new SimpleDateFormat("HH:mm:ss.SSS", Locale.ROOT).format(new Date(c.timeMillis())), c.seq(), c.size(), c.offset());
    }

    /** Renders a chunk's bytes inline, cut at a size that keeps cells light. */
    static String body(Chunk c, TrafficViewModel.Mode mode) {
        int max = mode == TrafficViewModel.Mode.HEX ? INLINE_HEX_BYTES : INLINE_TEXT_BYTES;
        int n = Math.min(max, c.size());
        String s = mode == TrafficViewModel.Mode.HEX ? Escapes.hex(c.data(), 0, n, c.offset()) : Escapes.text(c.data(), 0, n);
        if (c.size() == 0) s = "(empty)";
        if (mode == TrafficViewModel.Mode.TEXT && s.endsWith("\\n\n")) s = s.substring(0, s.length() - 1); // no blank last line
        if (n < c.size()) s += String.format(Locale.ROOT, "%n… %,d more bytes (select the chunk to see them all)", c.size() - n);
        return s;
    }

    private static final javafx.css.PseudoClass IN = javafx.css.PseudoClass.getPseudoClass("in");
    private static final javafx.css.PseudoClass OUT = javafx.css.PseudoClass.getPseudoClass("out");
    private static final javafx.css.PseudoClass MATCH = javafx.css.PseudoClass.getPseudoClass("match");

    private final class ChunkCell extends ListCell<Chunk> {
        private final Label head = new Label();
        private final Label bytes = new Label();
        private final VBox box = new VBox(1, head, bytes);

        ChunkCell() {
            head.getStyleClass().add("chunk-head");
            bytes.getStyleClass().add("chunk-bytes");
            bytes.setWrapText(false);
            box.getStyleClass().add("chunk");
            setPrefWidth(0); // let the list, not the longest line, decide the width
        }

        @Override
        protected double computePrefHeight(double width) {
            // The theme gives cells one fixed size; a chunk's cell is as tall as its lines.
            if (getGraphic() == null) return super.computePrefHeight(width);
            return snappedTopInset() + box.prefHeight(-1) + snappedBottomInset();
        }

        @Override
        protected double computeMinHeight(double width) { return computePrefHeight(width); }

        @Override
        protected void updateItem(Chunk c, boolean empty) {
            super.updateItem(c, empty);
            // Pseudo-classes, not style classes: a reused cell changing direction then restyles its box
            // (an update) instead of recomputing every style of the cell from scratch (a reapply).
            boolean filled = !empty && c != null;
            box.pseudoClassStateChanged(IN, filled && c.direction() == Direction.IN);
            box.pseudoClassStateChanged(OUT, filled && c.direction() != Direction.IN);
            box.pseudoClassStateChanged(MATCH, filled && TrafficViewModel.matches(c.data(), query));
            if (!filled) {
                setGraphic(null);
                setText(null);
                return;
            }
            head.setText(header(c));
            bytes.setText(body(c, model.modeProperty().get()));
            setText(null);
            setGraphic(box);
        }
    }
}
