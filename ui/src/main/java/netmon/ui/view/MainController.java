package netmon.ui.view;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.css.PseudoClass;
import javafx.util.Duration;
import netmon.engine.protocol.Address;
import netmon.ui.engine.EngineCommands;
import netmon.ui.model.ConnectionRow;
import netmon.ui.model.ConnectionsViewModel;
import netmon.ui.model.Dashboard;
import netmon.ui.model.Formats;
import netmon.ui.model.Limits;
import netmon.ui.model.Notice;
import netmon.ui.model.ServiceRow;
import netmon.ui.model.ServicesViewModel;
import netmon.ui.model.StatusViewModel;
import netmon.ui.settings.ListenerSpec;
import org.controlsfx.control.ToggleSwitch;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Builds the main window's skeleton and wires it to the view-models: services grid, connections table, banner and status bar. FX thread. */
final class MainController {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass NONZERO = PseudoClass.getPseudoClass("nonzero");
    static final KeyCombination CLOSE_KEY = new KeyCodeCombination(KeyCode.DELETE);
    static final KeyCombination ABORT_KEY = new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHIFT_DOWN);
    static final KeyCombination COPY_KEY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FIND_KEY = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    BorderPane root;
    HBox header;
    Label title;
    MenuButton addListener;
    ToggleButton themeToggle;
    StackPane bannerHolder;
    SplitPane split;
    VBox servicesPane;
    javafx.scene.control.ScrollPane servicesScroll;
    Label servicesSummary;
    GridPane servicesGrid;
    Label connectionsSummary;
    TextField filterField;
    ComboBox<String> serviceFilter;
    Button closeButton;
    Button abortButton;
    Button copyButton;
    TableView<ConnectionRow> table;
    Label statusReactor;
    Label statusLag;
    Label statusDelayed;
    Label statusConnections;
    Label statusEvents;
    Label statusQueue;
    Label statusHint;

    private final Dashboard dashboard;
    private final EngineCommands engine;
    private final PauseTransition bannerTimer = new PauseTransition(Duration.seconds(12));
    /** Rows whose options editor is open (identity: rows do not override equals). */
    private final Set<ServiceRow> expanded = new HashSet<>();
    Button captureBudget;

    MainController(Dashboard dashboard, EngineCommands engine) {
        this.dashboard = dashboard;
        this.engine = engine;
    }

    /**
     * Builds the window's skeleton (what main.fxml used to declare: the same nodes, ids and style classes) and wires
     * it to the view-models. Built in code: the FXML loader's own work (its classes, reflection, XML parsing) sat on
     * the FX thread before the first frame, and a fixed layout does not need it. FX thread.
     */
    BorderPane build() {
        assert javafx.application.Platform.isFxApplicationThread();
        buildSkeleton();
        StartupMarks.mark("skeleton built");
        initialize();
        return root;
    }

    private void initialize() {
        title.setGraphic(icon(Feather.ACTIVITY, 18));
        setUpHeader();
        setUpServices();
        setUpTable();
        setUpStatus();
        setUpBanner();
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (FIND_KEY.match(e)) {
                filterField.requestFocus();
                filterField.selectAll();
                e.consume();
            }
        });
    }

    /** The header, the services and connections panes in a vertical split, and the status bar. */
    private void buildSkeleton() {
        title = label("title", "netmon", "app-title");
        Label subtitle = label("subtitle", "network monitor", "app-subtitle");
        addListener = new MenuButton("Add listener");
        addListener.setId("addListener");
        addListener.setMnemonicParsing(true);
        themeToggle = new ToggleButton("Dark");
        themeToggle.setId("themeToggle");
        themeToggle.setFocusTraversable(true);
        header = new HBox(10, title, subtitle, grow(), addListener, themeToggle);
        header.setId("header");
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);

        servicesSummary = label("servicesSummary", null, "pane-summary");
        servicesGrid = new GridPane();
        servicesGrid.setId("servicesGrid");
        servicesGrid.getStyleClass().add("services-grid");
        servicesGrid.setHgap(12);
        servicesGrid.setVgap(2);
        servicesScroll = new javafx.scene.control.ScrollPane(servicesGrid);
        servicesScroll.setId("servicesScroll");
        servicesScroll.setFitToWidth(true);
        servicesScroll.getStyleClass().add("services-scroll");
        VBox.setVgrow(servicesScroll, Priority.ALWAYS);
        servicesPane = new VBox(paneHeader(label(null, "Services", "pane-title"), servicesSummary), servicesScroll);
        servicesPane.setId("servicesPane");
        servicesPane.getStyleClass().addAll("pane", "services-pane");
        servicesPane.setMinHeight(120);

        connectionsSummary = label("connectionsSummary", null, "pane-summary");
        filterField = new TextField();
        filterField.setId("filterField");
        filterField.setPromptText("Filter (id, peer, host, state)   Ctrl+F");
        filterField.setPrefColumnCount(24);
        serviceFilter = new ComboBox<>();
        serviceFilter.setId("serviceFilter");
        serviceFilter.setPrefWidth(150);
        closeButton = button("closeButton", "Close");
        abortButton = button("abortButton", "Abort");
        copyButton = button("copyButton", "Copy peer");
        table = new TableView<>();
        table.setId("table");
        table.getStyleClass().add("connections-table");
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox connectionsPane = new VBox(paneHeader(label(null, "Connections", "pane-title"), connectionsSummary, grow(),
                filterField, serviceFilter, closeButton, abortButton, copyButton), table);
        connectionsPane.setId("connectionsPane");
        connectionsPane.getStyleClass().addAll("pane", "connections-pane");

        bannerHolder = new StackPane();
        bannerHolder.setId("bannerHolder");
        bannerHolder.getStyleClass().add("banner-holder");
        bannerHolder.setManaged(false);
        bannerHolder.setVisible(false);
        split = new SplitPane(servicesPane, connectionsPane);
        split.setId("split");
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        VBox.setVgrow(split, Priority.ALWAYS);

        statusReactor = label("statusReactor", null, "status-item");
        statusLag = label("statusLag", null, "status-item");
        statusDelayed = label("statusDelayed", null, "status-item");
        statusConnections = label("statusConnections", null, "status-item");
        statusEvents = label("statusEvents", null, "status-item");
        statusQueue = label("statusQueue", null, "status-item");
        statusHint = label("statusHint", "Del close · Shift+Del abort · Ctrl+C copy peer", "status-hint");
        HBox statusBar = new HBox(18, statusReactor, statusLag, statusDelayed, statusConnections, statusEvents, statusQueue,
                grow(), statusHint);
        statusBar.setId("statusBar");
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);

        // Top, centre, bottom in this order: the children's order is the focus traversal order, and the window's
        // first focus goes to the first traversable control (the header's "Add listener").
        root = new BorderPane();
        root.setTop(header);
        root.setCenter(new VBox(bannerHolder, split));
        root.setBottom(statusBar);
        root.setId("root");
        root.getStyleClass().add("netmon-root");
    }

    private static Label label(String id, String text, String styleClass) {
        Label l = text == null ? new Label() : new Label(text);
        if (id != null) l.setId(id);
        l.getStyleClass().add(styleClass);
        return l;
    }

    private static Button button(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        b.setMnemonicParsing(false);
        return b;
    }

    private static HBox paneHeader(Node... children) {
        HBox h = new HBox(8, children);
        h.getStyleClass().add("pane-header");
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    /** An empty region that takes a row's slack. */
    private static javafx.scene.layout.Region grow() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /**
     * Tooltips asked for before the window's first frame, made once it is on screen ({@link #installTooltips}); null
     * after that. Each tooltip is a popup window with its own scene, styled when made: about a sixth of the FX
     * thread's time building the window (JFR), none of it needed to draw the first frame.
     */
    private List<Runnable> pendingTooltips = new ArrayList<>();

    private void tip(javafx.scene.control.Control c, String text) {
        tip(c, () -> new Tooltip(text));
    }

    private void tip(javafx.scene.control.Control c, java.util.function.Supplier<Tooltip> make) {
        if (pendingTooltips != null) pendingTooltips.add(() -> c.setTooltip(make.get()));
        else c.setTooltip(make.get());
    }

    /** Gives the controls built so far their tooltips; tooltips asked for from now on are made at once. FX thread. */
    void installTooltips() {
        assert javafx.application.Platform.isFxApplicationThread();
        List<Runnable> pending = pendingTooltips;
        pendingTooltips = null;
        if (pending != null) pending.forEach(Runnable::run);
    }

    static FontIcon icon(Feather f, int size) {
        FontIcon i = new FontIcon(f);
        i.setIconSize(size);
        return i;
    }

    // ------------------------------------------------------------------ header

    private void setUpHeader() {
        addListener.setGraphic(icon(Feather.PLUS, 14));
        for (String kind : List.of("echo", "chat", "udp-echo")) {
            MenuItem item = new MenuItem(kind + (kind.equals("udp-echo") ? "  (udp:0)" : "  (tcp:0)"));
            item.setId("add-" + kind);
            item.setOnAction(e -> dashboard.services().add(kind, kind.equals("udp-echo") ? "udp:0" : "tcp:0"));
            addListener.getItems().add(item);
        }
        themeToggle.setGraphic(icon(Feather.MOON, 14));
        tip(themeToggle, "Switch between the light and dark theme");

        captureBudget = new Button(null, icon(Feather.HARD_DRIVE, 14));
        captureBudget.setId("capture-budget");
        captureBudget.setMnemonicParsing(false);
        captureBudget.textProperty().bind(Bindings.createStringBinding(
                () -> "Capture " + Limits.formatBudget(dashboard.services().captureBudgetProperty().get()) + " / conn",
                dashboard.services().captureBudgetProperty()));
        tip(captureBudget, "Bytes of traffic kept per connection or UDP flow for the inspectors; older bytes are dropped");
        captureBudget.setOnAction(e -> budgetDialog().show());
        header.getChildren().add(header.getChildren().indexOf(themeToggle), captureBudget);
    }

    /**
     * The dialog that edits the capture budget: the size is validated as typed, OK only when usable, and
     * the budget is applied when it closes with OK (Enter), not with Cancel (Escape).
     */
    Dialog<Long> budgetDialog() {
        assert javafx.application.Platform.isFxApplicationThread();
        Dialog<Long> d = new Dialog<>();
        d.setTitle("Capture budget");
        d.setHeaderText("Traffic kept per connection (or UDP flow) for the inspectors");
        if (root.getScene() != null) d.initOwner(root.getScene().getWindow());
        TextField size = new TextField(Limits.formatBudget(dashboard.services().captureBudgetProperty().get()));
        size.setId("budget-field");
        size.setPrefColumnCount(14);
        Label why = new Label();
        why.setId("budget-validation");
        why.getStyleClass().add("validation");
        why.textProperty().bind(Bindings.createStringBinding(() -> Limits.validateBudget(size.getText()), size.textProperty()));
        why.visibleProperty().bind(why.textProperty().isNotNull());
        why.managedProperty().bind(why.visibleProperty());
        size.pseudoClassStateChanged(INVALID, false);
        size.textProperty().addListener((o, a, b) -> size.pseudoClassStateChanged(INVALID, Limits.validateBudget(b) != null));
        Label hint = new Label("e.g. 1 MiB, 256 KiB or 65536 (bytes); from 1 KiB to 1 GiB. Applies to bytes captured from now on.");
        hint.getStyleClass().add("pane-summary");
        hint.setWrapText(true);
        VBox box = new VBox(6, size, why, hint);
        box.setPrefWidth(380);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(why.textProperty().isNotNull());
        d.setResultConverter(b -> b == ButtonType.OK ? Limits.parseBudget(size.getText()).orElseThrow() : null);
        d.setOnShown(e -> {
            size.requestFocus();
            size.selectAll();
        });
        d.setOnHidden(e -> {
            Long bytes = d.getResult();
            if (bytes != null) dashboard.services().setCaptureBudget(bytes);
        });
        return d;
    }

    // ------------------------------------------------------------------ services

    private void setUpServices() {
        ServicesViewModel vm = dashboard.services();
        // kind, endpoint, switch, state, conns, refused, in/s, out/s, spacer, options, remove: the spacer takes the
        // slack so the figures stay next to the state they belong to on wide windows.
        for (int i = 0; i < 11; i++) {
            ColumnConstraints c = new ColumnConstraints();
            if (i == 3) {
                c.setMinWidth(260);
                c.setPrefWidth(320);
            }
            if (i == 8) c.setHgrow(Priority.ALWAYS);
            if (i >= 4 && i <= 7) c.setHalignment(HPos.RIGHT);
            servicesGrid.getColumnConstraints().add(c);
        }
        vm.rows().addListener((ListChangeListener<ServiceRow>) c -> {
            rebuildServices();
            servicesSummary.setText(servicesSummaryText());
        });
        rebuildServices();
        servicesSummary.setText(servicesSummaryText());
    }

    private String servicesSummaryText() {
        long on = dashboard.services().rows().stream().filter(r -> r.getPhase() == ServiceRow.Phase.LISTENING).count();
        return on + " of " + dashboard.services().rows().size() + " listening";
    }

    private void rebuildServices() {
        servicesGrid.getChildren().clear();
        String[] heads = {"SERVICE", "ENDPOINT", "ON", "STATE", "CONNS", "REFUSED", "IN/S", "OUT/S"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("column-header");
            servicesGrid.add(h, c, 0);
        }
        List<ServiceRow> rows = dashboard.services().rows();
        expanded.retainAll(rows);
        int gridRow = 1;
        for (int i = 0; i < rows.size(); i++) {
            addServiceRow(rows.get(i), i, gridRow++);
            if (expanded.contains(rows.get(i))) addOptionsEditor(rows.get(i), i, gridRow++);
        }
    }

    /** Opens or closes a row's options editor (cap, capture) under it; opening puts the focus in it. */
    void toggleOptions(ServiceRow r) {
        assert javafx.application.Platform.isFxApplicationThread();
        boolean open = !expanded.remove(r);
        if (open) expanded.add(r);
        rebuildServices();
        int i = dashboard.services().rows().indexOf(r);
        Node focus = servicesGrid.lookup(open ? ("udp-echo".equals(r.kind()) ? "#capture-" : "#cap-") + i : "#options-" + i);
        if (focus != null) focus.requestFocus();
    }

    /**
     * The inline editor for one listener's limits: the connection cap (validated as typed, applied with
     * Enter or Apply, to a running listener at once) and the capture switch (applied as toggled).
     * Escape or Done closes it.
     */
    private void addOptionsEditor(ServiceRow r, int index, int gridRow) {
        boolean udp = "udp-echo".equals(r.kind());
        HBox box = new HBox(10);
        box.setId("options-editor-" + index);
        box.getStyleClass().add("service-options");
        box.setAlignment(Pos.CENTER_LEFT);

        CheckBox capture = new CheckBox("Capture traffic for the inspectors");
        capture.setId("capture-" + index);
        capture.selectedProperty().bindBidirectional(r.capturedProperty());
        tip(capture, "Off: this listener's bytes are counted but not kept (nothing to inspect, less work)");

        Button done = new Button("Done");
        done.setId("options-done-" + index);
        done.setOnAction(e -> toggleOptions(r));

        if (udp) {
            Label none = new Label("UDP has no connections to cap.");
            none.getStyleClass().add("pane-summary");
            box.getChildren().addAll(capture, none, done);
        } else {
            Label capLabel = new Label("Connection cap");
            TextField cap = new TextField(Integer.toString(r.getMaxConnections()));
            cap.setId("cap-" + index);
            cap.setPrefColumnCount(8);
            cap.getStyleClass().add("service-endpoint");
            capLabel.setLabelFor(cap);
            Label why = new Label();
            why.setId("cap-validation-" + index);
            why.getStyleClass().add("validation");
            why.textProperty().bind(Bindings.createStringBinding(() -> Limits.validateMaxConnections(cap.getText()), cap.textProperty()));
            why.visibleProperty().bind(why.textProperty().isNotNull());
            why.managedProperty().bind(why.visibleProperty());
            cap.textProperty().addListener((o, a, b) -> cap.pseudoClassStateChanged(INVALID, Limits.validateMaxConnections(b) != null));
            tip(cap, "TCP connections open at once; beyond it new ones are closed at once and counted as refused");
            Button apply = new Button("Apply");
            apply.setId("apply-cap-" + index);
            apply.disableProperty().bind(why.textProperty().isNotNull());
            Runnable applyCap = () -> Limits.parseMaxConnections(cap.getText()).ifPresent(n -> dashboard.services().setMaxConnections(r, n));
            apply.setOnAction(e -> applyCap.run());
            cap.setOnAction(e -> applyCap.run());
            box.getChildren().addAll(capLabel, cap, apply, why, capture, done);
        }
        box.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                toggleOptions(r);
                e.consume();
            }
        });
        GridPane.setColumnSpan(box, 10);
        GridPane.setMargin(box, new javafx.geometry.Insets(0, 0, 6, 0));
        servicesGrid.add(box, 1, gridRow);
    }

    private void addServiceRow(ServiceRow r, int index, int gridRow) {
        Label kind = new Label(r.kind(), icon(r.kind().equals("udp-echo") ? Feather.RADIO : r.kind().equals("chat") ? Feather.MESSAGE_SQUARE : Feather.REPEAT, 14));
        kind.getStyleClass().add("service-kind");
        kind.setMinWidth(96);

        TextField endpoint = new TextField();
        endpoint.setId("endpoint-" + index);
        // Small fields keep five rows within a quarter-or-so of a 1280×800 window.
        endpoint.getStyleClass().addAll("service-endpoint", Styles.SMALL);
        endpoint.setPrefColumnCount(20);
        endpoint.textProperty().bindBidirectional(r.endpointProperty());
        endpoint.disableProperty().bind(r.editableProperty().not());
        Label validation = new Label();
        validation.setId("validation-" + index);
        validation.getStyleClass().add("validation");
        validation.textProperty().bind(r.validationProperty());
        validation.visibleProperty().bind(r.validationProperty().isNotNull());
        validation.managedProperty().bind(validation.visibleProperty());
        endpoint.pseudoClassStateChanged(INVALID, r.getValidation() != null);
        r.validationProperty().addListener((o, a, b) -> endpoint.pseudoClassStateChanged(INVALID, b != null));
        Label exposure = new Label();
        exposure.setId("exposure-" + index);
        exposure.getStyleClass().add("exposure-warning");
        exposure.textProperty().bind(r.exposureProperty());
        exposure.visibleProperty().bind(r.exposureProperty().isNotNull().and(r.validationProperty().isNull()));
        exposure.managedProperty().bind(exposure.visibleProperty());
        exposure.setMaxWidth(Double.MAX_VALUE);
        tip(exposure, () -> {
            Tooltip t = new Tooltip();
            t.textProperty().bind(r.exposureProperty());
            return t;
        });
        VBox endpointBox = new VBox(2, endpoint, validation, exposure);

        ToggleSwitch sw = new ToggleSwitch();
        sw.setId("switch-" + index);
        sw.selectedProperty().bindBidirectional(r.switchOnProperty());
        tip(sw, "Start or stop this listener (Space)");

        Label state = new Label();
        state.setId("state-" + index);
        state.textProperty().bind(r.stateTextProperty());
        state.setMaxWidth(Double.MAX_VALUE);
        state.setWrapText(true);
        styleState(state, r.getPhase());
        r.phaseProperty().addListener((o, a, b) -> {
            styleState(state, b);
            servicesSummary.setText(servicesSummaryText());
        });
        // Limits that differ from the defaults are shown where the user looks at the listener's state.
        Label limits = new Label();
        limits.setId("limits-" + index);
        limits.getStyleClass().add("service-limits");
        limits.textProperty().bind(Bindings.createStringBinding(() -> limitsText(r), r.maxConnectionsProperty(), r.capturedProperty()));
        limits.visibleProperty().bind(limits.textProperty().isNotEmpty());
        limits.managedProperty().bind(limits.visibleProperty());
        VBox stateBox = new VBox(1, state, limits);

        // UDP has no connections: its peers show as flows in the table.
        Label conns = numeric(Bindings.createStringBinding(() -> r.handle() == null || "udp-echo".equals(r.kind()) ? "–" : Integer.toString(r.openConnectionsProperty().get()),
                r.openConnectionsProperty(), r.phaseProperty()));
        Label refused = numeric(Bindings.createStringBinding(() -> r.handle() == null || "udp-echo".equals(r.kind()) ? "–"
                : String.format(Locale.ROOT, "%,d", r.refusedProperty().get()), r.refusedProperty(), r.phaseProperty()));
        refused.setId("refused-" + index);
        refused.pseudoClassStateChanged(NONZERO, r.getRefused() > 0);
        refused.setMinWidth(64);
        r.refusedProperty().addListener((o, a, b) -> refused.pseudoClassStateChanged(NONZERO, b.longValue() > 0));
        tip(refused, "Connections closed at once because the listener's cap was reached");
        Label in = numeric(Bindings.createStringBinding(() -> Formats.rate(r.rateInProperty().get()), r.rateInProperty()));
        Label out = numeric(Bindings.createStringBinding(() -> Formats.rate(r.rateOutProperty().get()), r.rateOutProperty()));
        in.setMinWidth(90);
        out.setMinWidth(90);

        Button remove = new Button(null, icon(Feather.TRASH_2, 14));
        remove.setId("remove-" + index);
        remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        tip(remove, "Remove this listener (stops it first)");
        remove.setOnAction(e -> dashboard.services().remove(r));

        Button options = new Button(null, icon(Feather.MORE_HORIZONTAL, 14));
        options.setId("options-" + index);
        options.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        tip(options, "Limits: connection cap and capture for this listener");
        options.setOnAction(e -> toggleOptions(r));

        Node[] cells = {kind, endpointBox, sw, stateBox, conns, refused, in, out, null, options, remove};
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] == null) continue;
            GridPane.setValignment(cells[c], javafx.geometry.VPos.TOP);
            servicesGrid.add(cells[c], c, gridRow);
        }
        GridPane.setMargin(sw, new javafx.geometry.Insets(1, 0, 0, 0));
        for (Node n : new Node[] {kind, stateBox, conns, refused, in, out}) GridPane.setMargin(n, new javafx.geometry.Insets(2, 0, 0, 0));
    }

    /** "cap 2 · capture off" for limits that differ from the defaults, else empty. */
    static String limitsText(ServiceRow r) {
        List<String> parts = new ArrayList<>();
        if (!"udp-echo".equals(r.kind()) && r.getMaxConnections() != ListenerSpec.DEFAULT_MAX_CONNECTIONS) {
            parts.add(String.format(Locale.ROOT, "cap %,d connections", r.getMaxConnections()));
        }
        if (!r.isCaptured()) parts.add("capture off");
        return String.join(" · ", parts);
    }

    private static Label numeric(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add("numeric");
        l.setMinWidth(50);
        l.setAlignment(Pos.CENTER_RIGHT);
        return l;
    }

    private static void styleState(Label l, ServiceRow.Phase p) {
        l.getStyleClass().removeAll("state-listening", "state-failed", "state-stopped", "state-busy");
        l.getStyleClass().add(switch (p) {
            case LISTENING -> "state-listening";
            case FAILED -> "state-failed";
            case STOPPED -> "state-stopped";
            case STARTING, STOPPING -> "state-busy";
        });
    }

    // ------------------------------------------------------------------ connections

    private void setUpTable() {
        ConnectionsViewModel vm = dashboard.connections();
        table.setItems(vm.visibleRows());
        // The view-model sorts (and re-sorts the live counters once a second); the table only says by what.
        Map<TableColumn<ConnectionRow, ?>, Comparator<ConnectionRow>> rowOrder = new HashMap<>();
        table.setSortPolicy(t -> {
            vm.setOrder(rowComparator(t.getSortOrder(), rowOrder));
            return true;
        });
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setRowFactory(t -> new ConnectionTableRow());
        table.setPlaceholder(new Label("No connections yet. Switch a listener on and connect to it."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);

        TableColumn<ConnectionRow, ConnectionRow> id = new TableColumn<>("ID");
        id.setCellValueFactory(c -> c.getValue().selfProperty());
        id.setComparator((a, b) -> a.isDatagram() != b.isDatagram() ? Boolean.compare(a.isDatagram(), b.isDatagram()) : Long.compare(a.id(), b.id()));
        id.setCellFactory(c -> textCell(ConnectionRow::idText, true));
        id.setPrefWidth(56);

        TableColumn<ConnectionRow, String> service = stringColumn("Service", r -> r.service(), 90);
        TableColumn<ConnectionRow, String> proto = stringColumn("Proto", r -> r.protocol(), 60);
        TableColumn<ConnectionRow, String> peer = stringColumn("Peer", ConnectionRow::peerText, 150);
        TableColumn<ConnectionRow, String> host = stringColumn("Host", ConnectionRow::hostText, 130);

        TableColumn<ConnectionRow, String> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> c.getValue().stateProperty());
        state.setCellFactory(c -> new RowCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("state-cell-lost", "state-cell-aborted", "state-cell-paused");
                show(empty ? null : s);
                setTooltip(empty || s == null || s.length() < 24 ? null : new Tooltip(s));
                if (!empty && s != null) {
                    if (s.startsWith("lost") || s.startsWith("error")) getStyleClass().add("state-cell-lost");
                    else if (s.startsWith("abort")) getStyleClass().add("state-cell-aborted");
                    else if (s.startsWith("paused")) getStyleClass().add("state-cell-paused");
                }
            }
        });
        state.setPrefWidth(200);

        TableColumn<ConnectionRow, Number> opened = numberColumn("Opened", r -> new javafx.beans.property.ReadOnlyLongWrapper(r.openedAtMillis()),
                n -> Formats.clock(n.longValue()), 76);
        // Age, rate and sparkline change once a second for every row: their cells follow the view-model's clock.
        TableColumn<ConnectionRow, ConnectionRow> age = new TableColumn<>("Age");
        age.setCellValueFactory(c -> c.getValue().selfProperty());
        age.setComparator((a, b) -> Long.compare(b.openedAtMillis(), a.openedAtMillis()));
        age.setCellFactory(c -> numericCell(new ClockedCell(vm.clockProperty(), (r, now) -> Formats.age(r.ageMillis(now)))));
        age.setPrefWidth(70);
        TableColumn<ConnectionRow, ConnectionRow> in = new TableColumn<>("In");
        in.setCellValueFactory(c -> c.getValue().selfProperty());
        in.setComparator((a, b) -> Long.compare(a.getBytesIn(), b.getBytesIn()));
        // Byte counts change with nearly every batch: their cells re-render when the view-model publishes the
        // counters (once a second, a pulse after the clock's ages, rates and sparklines), so the visible rows
        // are redrawn once a second rather than on every drain, and never all columns in one pulse.
        in.setCellFactory(c -> numericCell(new ClockedCell(vm.countersProperty(), (r, now) -> Formats.bytes(r.getBytesIn()))));
        in.setPrefWidth(110);
        TableColumn<ConnectionRow, ConnectionRow> out = new TableColumn<>("Out");
        out.setCellValueFactory(c -> c.getValue().selfProperty());
        out.setComparator((a, b) -> Long.compare(a.getBytesOut(), b.getBytesOut()));
        out.setCellFactory(c -> numericCell(new ClockedCell(vm.countersProperty(), (r, now) -> Formats.bytes(r.getBytesOut()))));
        out.setPrefWidth(110);
        TableColumn<ConnectionRow, ConnectionRow> rate = new TableColumn<>("B/s in / out");
        rate.setCellValueFactory(c -> c.getValue().selfProperty());
        rate.setComparator((a, b) -> Double.compare(a.rateIn() + a.rateOut(), b.rateIn() + b.rateOut()));
        rate.setCellFactory(c -> numericCell(new ClockedCell(vm.clockProperty(),
                (r, now) -> r.rateIn() + r.rateOut() < 0.5 ? null : Formats.compact(r.rateIn()) + " / " + Formats.compact(r.rateOut()))));
        rate.setPrefWidth(120);
        TableColumn<ConnectionRow, ConnectionRow> spark = new TableColumn<>("Last 60 s");
        spark.setId("sparkline-column");
        spark.setCellValueFactory(c -> c.getValue().selfProperty());
        spark.setSortable(false);
        spark.setCellFactory(c -> new SparklineCell(vm.clockProperty()));
        spark.setPrefWidth(SparklineCell.WIDTH + 16);
        spark.setMinWidth(SparklineCell.WIDTH + 16);
        TableColumn<ConnectionRow, ConnectionRow> buffered = new TableColumn<>("Buffered");
        buffered.setCellValueFactory(c -> c.getValue().selfProperty());
        buffered.setComparator((a, b) -> Long.compare(a.getBuffered(), b.getBuffered()));
        buffered.setCellFactory(c -> numericCell(new ClockedCell(vm.countersProperty(), (r, now) -> r.getBuffered() == 0 ? "" : Formats.bytes(r.getBuffered()))));
        buffered.setPrefWidth(90);

        table.getColumns().setAll(List.of(id, service, proto, peer, host, state, opened, age, in, out, rate, spark, buffered));
        // Each sortable column's order on rows themselves: the row-valued columns' comparators already are;
        // the text and time columns compare the field they show.
        for (TableColumn<ConnectionRow, ConnectionRow> c : List.of(id, age, in, out, rate, buffered)) rowOrder.put(c, c.getComparator());
        rowOrder.put(service, Comparator.comparing(ConnectionRow::service, TEXT_ORDER));
        rowOrder.put(proto, Comparator.comparing(ConnectionRow::protocol, TEXT_ORDER));
        rowOrder.put(peer, Comparator.comparing(ConnectionRow::peerText, TEXT_ORDER));
        rowOrder.put(host, Comparator.comparing(ConnectionRow::hostText, TEXT_ORDER));
        rowOrder.put(state, Comparator.comparing(ConnectionRow::getState, TEXT_ORDER));
        rowOrder.put(opened, Comparator.comparingLong(ConnectionRow::openedAtMillis));
        // The narrowest each column can be and still show its usual content whole (monospace 12 px): on a
        // 1280 px window the state column gives way first, never an address or a time.
        double[] minWidths = {44, 72, 56, 150, 130, 100, 76, 64, 84, 84, 110, SparklineCell.WIDTH + 16, 88};
        for (int i = 0; i < minWidths.length; i++) table.getColumns().get(i).setMinWidth(minWidths[i]);

        filterField.textProperty().bindBidirectional(vm.filterTextProperty());
        filterField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filterField.clear();
                table.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) table.getSelectionModel().selectFirst();
            }
        });
        serviceFilter.setItems(vm.serviceChoices());
        serviceFilter.valueProperty().bindBidirectional(vm.serviceFilterProperty());

        closeButton.setGraphic(icon(Feather.X_CIRCLE, 14));
        abortButton.setGraphic(icon(Feather.ZAP_OFF, 14));
        copyButton.setGraphic(icon(Feather.COPY, 14));
        tip(closeButton, "Close the selected connections cleanly: flush, then FIN (Delete)");
        tip(abortButton, "Abort the selected connections: RST, buffered bytes dropped (Shift+Delete)");
        tip(copyButton, "Copy the selected peers' addresses (Ctrl+C)");
        abortButton.getStyleClass().add(Styles.DANGER);
        var noneOpen = Bindings.createBooleanBinding(() -> selectedOpenTcp().isEmpty(), table.getSelectionModel().getSelectedItems());
        closeButton.disableProperty().bind(noneOpen);
        abortButton.disableProperty().bind(noneOpen);
        copyButton.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        closeButton.setOnAction(e -> closeSelected());
        abortButton.setOnAction(e -> abortSelected());
        copyButton.setOnAction(e -> copySelected(true));

        MenuItem close = new MenuItem("Close (loseConnection)", icon(Feather.X_CIRCLE, 14));
        close.setAccelerator(CLOSE_KEY);
        close.setOnAction(e -> closeSelected());
        MenuItem abort = new MenuItem("Abort (RST)", icon(Feather.ZAP_OFF, 14));
        abort.setAccelerator(ABORT_KEY);
        abort.setOnAction(e -> abortSelected());
        MenuItem copyPeer = new MenuItem("Copy peer address", icon(Feather.COPY, 14));
        copyPeer.setAccelerator(COPY_KEY);
        copyPeer.setOnAction(e -> copySelected(true));
        MenuItem copyHost = new MenuItem("Copy host address");
        copyHost.setOnAction(e -> copySelected(false));
        ContextMenu menu = new ContextMenu(close, abort, new SeparatorMenuItem(), copyPeer, copyHost);
        menu.setOnShowing(e -> {
            boolean none = selectedOpenTcp().isEmpty();
            close.setDisable(none);
            abort.setDisable(none);
        });
        table.setContextMenu(menu);
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (ABORT_KEY.match(e)) {
                abortSelected();
                e.consume();
            } else if (CLOSE_KEY.match(e)) {
                closeSelected();
                e.consume();
            } else if (COPY_KEY.match(e)) {
                copySelected(true);
                e.consume();
            }
        });

        connectionsSummary.textProperty().bind(Bindings.createStringBinding(
                () -> vm.openCountProperty().get() + " open · " + vm.visibleRows().size() + " shown",
                vm.openCountProperty(), vm.visibleRows()));
    }

    /** Adds {@code items} after the table's own context-menu entries; {@code onShowing} runs each time it opens. */
    void addContextItems(List<MenuItem> items, Runnable onShowing) {
        ContextMenu m = table.getContextMenu();
        m.getItems().add(new SeparatorMenuItem());
        m.getItems().addAll(items);
        m.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWING, e -> onShowing.run());
    }

    private static final Comparator<String> TEXT_ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

    /** The table's sort order as one comparator on rows (null: no order), columns in {@code sortOrder}'s precedence. */
    static Comparator<ConnectionRow> rowComparator(List<TableColumn<ConnectionRow, ?>> sortOrder,
                                                   Map<TableColumn<ConnectionRow, ?>, Comparator<ConnectionRow>> rowOrder) {
        Comparator<ConnectionRow> result = null;
        for (TableColumn<ConnectionRow, ?> column : sortOrder) {
            Comparator<ConnectionRow> c = rowOrder.get(column);
            if (c == null) continue;
            if (column.getSortType() == TableColumn.SortType.DESCENDING) c = c.reversed();
            result = result == null ? c : result.thenComparing(c);
        }
        return result;
    }

    private static TableColumn<ConnectionRow, String> stringColumn(String name, Function<ConnectionRow, String> f, double width) {
        TableColumn<ConnectionRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setCellFactory(col -> new RowCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                show(empty ? null : s);
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<ConnectionRow, Number> numberColumn(String name, Function<ConnectionRow, ObservableValue<? extends Number>> value,
                                                                Function<Number, String> format, double width) {
        TableColumn<ConnectionRow, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> {
            @SuppressWarnings("unchecked")
            ObservableValue<Number> v = (ObservableValue<Number>) value.apply(cd.getValue());
            return v;
        });
        c.setCellFactory(col -> new RowCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                show(empty || n == null ? null : format.apply(n));
            }
        });
        c.getStyleClass().add("numeric");
        c.setPrefWidth(width);
        return c;
    }

    private static <C extends TableCell<ConnectionRow, ConnectionRow>> C numericCell(C cell) {
        cell.getStyleClass().add("numeric");
        return cell;
    }

    private static TableCell<ConnectionRow, ConnectionRow> textCell(Function<ConnectionRow, String> f, boolean numeric) {
        TableCell<ConnectionRow, ConnectionRow> cell = new RowCell<>() {
            @Override
            protected void updateItem(ConnectionRow r, boolean empty) {
                super.updateItem(r, empty);
                show(empty || r == null ? null : f.apply(r));
            }
        };
        if (numeric) cell.getStyleClass().add("numeric");
        return cell;
    }

    List<ConnectionRow> selectedOpenTcp() {
        List<ConnectionRow> out = new ArrayList<>();
        for (ConnectionRow r : table.getSelectionModel().getSelectedItems()) {
            if (r != null && !r.isDatagram() && !r.isClosed()) out.add(r);
        }
        return out;
    }

    void closeSelected() {
        assert javafx.application.Platform.isFxApplicationThread();
        for (ConnectionRow r : selectedOpenTcp()) engine.closeConnection(r.id());
    }

    void abortSelected() {
        assert javafx.application.Platform.isFxApplicationThread();
        for (ConnectionRow r : selectedOpenTcp()) engine.abortConnection(r.id());
    }

    void copySelected(boolean peer) {
        List<String> lines = new ArrayList<>();
        for (ConnectionRow r : table.getSelectionModel().getSelectedItems()) {
            Address a = peer ? r.peer() : r.host();
            if (a != null) lines.add(a.hostPort());
        }
        if (lines.isEmpty()) return;
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join("\n", lines));
        Clipboard.getSystemClipboard().setContent(content);
    }

    // ------------------------------------------------------------------ status bar and banner

    private void setUpStatus() {
        StatusViewModel s = dashboard.status();
        statusReactor.setText("● reactor running");
        statusReactor.getStyleClass().add("dot-running");
        statusLag.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "loop lag %.1f ms (max %.1f)",
                s.loopLagMillisProperty().get(), s.maxLoopLagMillisProperty().get())
                + (s.reactorBlocksProperty().get() == 0 ? ""
                        : String.format(Locale.ROOT, " · ⚠ blocked %d× (last %.1f s)", s.reactorBlocksProperty().get(),
                                s.lastBlockMillisProperty().get() / 1000.0)),
                s.loopLagMillisProperty(), s.maxLoopLagMillisProperty(), s.reactorBlocksProperty(), s.lastBlockMillisProperty()));
        s.reactorBlocksProperty().addListener((o, a, b) -> {
            if (!statusLag.getStyleClass().contains("status-warning")) statusLag.getStyleClass().add("status-warning");
        });
        tip(statusLag, "How late the reactor's 1 s health tick ran: a blocked loop shows here");
        statusDelayed.textProperty().bind(Bindings.createStringBinding(() -> "delayed calls " + s.pendingDelayedCallsProperty().get(),
                s.pendingDelayedCallsProperty()));
        statusConnections.textProperty().bind(Bindings.createStringBinding(() -> "connections " + s.openConnectionsProperty().get()
                + " · listeners " + s.openListenersProperty().get(), s.openConnectionsProperty(), s.openListenersProperty()));
        statusEvents.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "events/s %,.0f",
                s.eventsPerSecondProperty().get()), s.eventsPerSecondProperty()));
        statusQueue.textProperty().bind(Bindings.createStringBinding(() -> "bridge queue " + s.queueDepthProperty().get()
                + " (peak " + s.maxQueueDepthProperty().get() + ")"
                + (s.foldedConnectionsProperty().get() > 0 ? " · folded " + s.foldedConnectionsProperty().get() : ""),
                s.queueDepthProperty(), s.maxQueueDepthProperty(), s.foldedConnectionsProperty()));
        tip(statusQueue, "Entries waiting in the engine→UI bridge (shown once a second), drained about 30 times a second");
        // The figures keep their full width on a narrow window; the keyboard hint at the end gives way first.
        for (Label l : List.of(statusReactor, statusLag, statusDelayed, statusConnections, statusEvents, statusQueue)) {
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        if (statusHint != null) statusHint.setMinWidth(0);
    }

    private void setUpBanner() {
        dashboard.services().notices().addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                if (c.wasAdded() && !c.getAddedSubList().isEmpty()) show(c.getAddedSubList().get(c.getAddedSubList().size() - 1));
            }
        });
        bannerTimer.setOnFinished(e -> hideBanner());
    }

    void show(Notice n) {
        assert javafx.application.Platform.isFxApplicationThread();
        Message m = new Message(n.title(), n.text(), icon(n.level() == Notice.Level.ERROR ? Feather.ALERT_OCTAGON : Feather.ALERT_TRIANGLE, 18));
        m.setId("banner");
        m.getStyleClass().add(n.level() == Notice.Level.ERROR ? Styles.DANGER : n.level() == Notice.Level.WARNING ? Styles.WARNING : Styles.ACCENT);
        m.setOnClose(e -> hideBanner());
        bannerHolder.getChildren().setAll(m);
        bannerHolder.setManaged(true);
        bannerHolder.setVisible(true);
        bannerTimer.playFromStart();
    }

    void hideBanner() {
        bannerHolder.getChildren().clear();
        bannerHolder.setManaged(false);
        bannerHolder.setVisible(false);
    }
}
