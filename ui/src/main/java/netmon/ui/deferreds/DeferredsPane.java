package netmon.ui.deferreds;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The Deferreds view: a table of live and recent Deferreds (id, label, state, age, steps), failed-and-
 * unhandled rows flagged red, filters, the debug-mode switch, and the selected Deferred's chain drawn by
 * {@link ChainView}. FX thread.
 */
public final class DeferredsPane extends BorderPane {
    private final DeferredsViewModel model;
    private final TableView<DeferredRow> table = new TableView<>();
    private final ChainView chain;

    /** A pane showing {@code model}. */
    public DeferredsPane(DeferredsViewModel model) {
        this.model = model;
        getStyleClass().add("deferreds-pane");
        getStylesheets().add(DeferredsPane.class.getResource("/netmon/ui/deferreds/deferreds.css").toExternalForm());
        chain = new ChainView(id -> {
            if (model.select(id)) {
                table.getSelectionModel().select(model.selectedProperty().get());
                table.scrollTo(model.selectedProperty().get());
            }
        });

        ChoiceBox<DeferredsViewModel.Filter> filter = new ChoiceBox<>();
        filter.setId("deferreds-filter");
        filter.getItems().setAll(DeferredsViewModel.Filter.values());
        filter.setConverter(new StringConverter<>() {
            @Override public String toString(DeferredsViewModel.Filter f) {
                return f == null ? "" : switch (f) {
                    case ALL -> "All";
                    case PENDING -> "Pending";
                    case FAILED -> "Failed";
                    case SLOW -> "Waiting longer than";
                };
            }
            @Override public DeferredsViewModel.Filter fromString(String s) { return null; }
        });
        filter.valueProperty().bindBidirectional(model.filterProperty());
        Spinner<Integer> slow = new Spinner<>(1, 3600, (int) model.slowSecondsProperty().get());
        slow.setPrefWidth(80);
        slow.setEditable(true);
        slow.valueProperty().addListener((o, a, b) -> model.slowSecondsProperty().set(b));
        slow.disableProperty().bind(model.filterProperty().isNotEqualTo(DeferredsViewModel.Filter.SLOW));
        Label s = new Label("s");
        CheckBox debug = new CheckBox("Debug mode");
        debug.setId("deferreds-debug");
        debug.selectedProperty().bindBidirectional(model.debuggingProperty());
        debug.setTooltip(new Tooltip("Record where each new Deferred is created and fired (costs two stack captures per Deferred)"));
        Label counts = new Label();
        counts.setId("deferreds-counts");
        counts.getStyleClass().add("deferreds-counts");
        counts.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "%d shown · %d live · %d failed, unhandled%s", model.shown().size(), model.pendingProperty().get(), model.unhandledProperty().get(),
                model.forgottenProperty().get() > 0 ? " · " + model.forgottenProperty().get() + " old live ones forgotten" : ""),
                model.shown(), model.pendingProperty(), model.unhandledProperty(), model.forgottenProperty()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, new Label("Show"), filter, slow, s, gap, counts, debug);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("deferreds-bar");
        setTop(bar);

        table.setId("deferreds-table");
        table.setItems(model.shown());
        table.setPlaceholder(new Label("No Deferreds yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DeferredRow, Long> id = new TableColumn<>("id");
        id.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().id()));
        id.setPrefWidth(60);
        TableColumn<DeferredRow, String> label = new TableColumn<>("label");
        label.setCellValueFactory(c -> Bindings.createStringBinding(() -> {
            String l = c.getValue().infoProperty().get().label();
            return l == null ? "" : l;
        }, c.getValue().infoProperty()));
        label.setPrefWidth(220);
        TableColumn<DeferredRow, DeferredInfo> state = new TableColumn<>("state");
        state.setCellValueFactory(c -> c.getValue().infoProperty());
        state.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(DeferredInfo i, boolean empty) {
                super.updateItem(i, empty);
                getStyleClass().removeIf(x -> x.startsWith("state-"));
                if (empty || i == null) {
                    setText(null);
                    return;
                }
                setText(i.state().text() + (i.cancelled() ? ", cancelled" : "") + (i.waitingOn() != 0 ? " on @" + i.waitingOn() : ""));
                getStyleClass().add("state-" + i.state().name().toLowerCase());
            }
        });
        state.setPrefWidth(150);
        TableColumn<DeferredRow, String> age = new TableColumn<>("age");
        age.setCellValueFactory(c -> c.getValue().ageProperty());
        age.setPrefWidth(70);
        TableColumn<DeferredRow, String> steps = new TableColumn<>("steps");
        steps.setCellValueFactory(c -> Bindings.createStringBinding(() -> {
            DeferredInfo i = c.getValue().infoProperty().get();
            long ran = i.steps().stream().filter(x -> x.state() != StepInfo.StepState.PENDING).count();
            return ran + "/" + (i.steps().size() + i.droppedSteps());
        }, c.getValue().infoProperty()));
        steps.setPrefWidth(50);
        TableColumn<DeferredRow, String> result = new TableColumn<>("result");
        result.setCellValueFactory(c -> Bindings.createStringBinding(() -> {
            DeferredInfo i = c.getValue().infoProperty().get();
            return i.result() != null ? i.result() : i.firedDetail() != null ? "fired: " + i.firedDetail() : "";
        }, c.getValue().infoProperty()));
        table.getColumns().setAll(java.util.List.of(id, label, state, age, steps, result));
        table.setRowFactory(t -> new TableRow<>() {
            private final javafx.beans.value.ChangeListener<DeferredInfo> flag =
                    (o, a, b) -> pseudoClassStateChanged(UNHANDLED, b != null && b.unhandled());

            {
                itemProperty().addListener((o, a, b) -> {
                    if (a != null) a.infoProperty().removeListener(flag);
                    if (b != null) b.infoProperty().addListener(flag);
                    pseudoClassStateChanged(UNHANDLED, b != null && b.info().unhandled());
                });
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) model.selectedProperty().set(r);
        });
        model.selectedProperty().addListener((o, a, r) -> {
            shownInfo = r == null ? null : r.info();
            chain.show(shownInfo);
            if (r != null && table.getSelectionModel().getSelectedItem() != r) table.getSelectionModel().select(r);
        });
        SplitPane split = new SplitPane(table, chain);
        split.setDividerPositions(0.58);
        setCenter(split);
    }

    private boolean showing = true;

    /**
     * Whether the pane is on show (its tab selected). A hidden pane's table holds no rows, so the model's
     * once-a-second feed behind it restyles no cell: under load a change to a hidden node still makes the
     * toolkit sync and repaint the window. Shown again, it takes the model's rows and selection. FX thread.
     */
    public void setShowing(boolean on) {
        if (on == showing) return;
        showing = on;
        table.setItems(on ? model.shown() : javafx.collections.FXCollections.emptyObservableList());
        DeferredRow r = model.selectedProperty().get();
        if (on && r != null) table.getSelectionModel().select(r);
    }

    private static final javafx.css.PseudoClass UNHANDLED = javafx.css.PseudoClass.getPseudoClass("unhandled");

    /** Call after {@link DeferredsViewModel#pulse()}: redraws the selected chain if it changed. */
    public void refreshSelected() {
        DeferredRow r = model.selectedProperty().get();
        if (r != null && r.info() != shownInfo) {
            shownInfo = r.info();
            chain.show(shownInfo);
        }
    }

    private DeferredInfo shownInfo;

    /** The chain drawing, for tests. */
    public ChainView chain() { return chain; }

    /** The table, for tests. */
    TableView<DeferredRow> table() { return table; }

    /** The view-model. */
    public DeferredsViewModel model() { return model; }
}
