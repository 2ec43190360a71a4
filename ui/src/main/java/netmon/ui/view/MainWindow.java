package netmon.ui.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.GridPane;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import netmon.icons.Icons;
import netmon.ui.engine.EngineCommands;
import netmon.ui.model.Dashboard;
import netmon.ui.model.Notice;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import netmon.ui.settings.SettingsStore;
import netmon.ui.traffic.Inspectors;
import netmon.ui.traffic.TrafficCapture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: builds the scene graph (see {@link MainController#build}), applies the theme and remembered
 * layout, pumps the bridge once per animation pulse while events come (and lets JavaFX stop pulsing when they
 * don't), and saves the settings when the window closes. FX thread.
 */
public final class MainWindow {
    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);
    /** Listener rows the services pane shows without scrolling, at least and at most. */
    static final int MIN_FITTED_ROWS = 3;
    static final int MAX_FITTED_ROWS = 5;
    /** The connections table's share of the height under the services pane; the inspectors get the rest. */
    static final double CONNECTIONS_SHARE = 0.6;

    private final Dashboard dashboard;
    private final SettingsStore store;
    private final MainController controller;
    private final Parent root;
    private Settings settings;
    private Stage stage;
    private long lastCaptureSyncMillis;
    private Inspectors inspectors;
    /** The split pane's third item: holds the inspectors' tab pane once the first frame is on screen. */
    private final javafx.scene.layout.StackPane inspectorsHolder = new javafx.scene.layout.StackPane();
    /**
     * The window's icons, decoded on a thread of their own while the FX thread builds the scene graph: eight PNGs up
     * to 512 px that the FX thread need not decode before the first frame.
     */
    private final java.util.concurrent.CompletableFuture<java.util.List<Image>> appIcons =
            java.util.concurrent.CompletableFuture.supplyAsync(MainWindow::decodeAppIcons, r -> {
                Thread t = new Thread(r, "netmon-icons");
                t.setDaemon(true);
                t.start();
            });
    /** What {@link #attachInspectorsLater} left to do after the first frame, or null. */
    private Runnable pendingInspectors;

    /**
     * Drains the bridge and ticks the inspectors on each animation pulse while something happens. A running
     * AnimationTimer makes JavaFX pulse 60 times a second (CSS and layout checks, maybe a render) even when
     * nothing changed, so once the dashboard is quiet the pump stops, and the bridge's next event or the
     * {@link #clock} starts it again.
     */
    private final AnimationTimer pump = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long millis = System.currentTimeMillis();
            if (inspectors != null) inspectors.pulse(millis);
            if (dashboard.pulse(millis) && millis - lastCaptureSyncMillis >= 1000) {
                lastCaptureSyncMillis = millis;
                syncCaptureFromInspectors();
            }
            if (dashboard.quiet()) sleep();
        }
    };
    /** Set while the pump is stopped for quiet; whoever clears it first restarts the pump (once). */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private volatile boolean closed;
    /** Runs on the reactor, the watchdog or the clock thread: one runLater per quiet-to-busy change, never per event. */
    private final Runnable wakeUp = () -> {
        if (sleeping.compareAndSet(true, false)) Platform.runLater(this::resumePump);
    };
    /**
     * Wakes the sleeping pump once a second, whatever the bridge does: connection ages and rates, highlight
     * expiry, lingering rows, the inspectors (logs, charts) and the status bar stay at most a second stale.
     */
    private ScheduledExecutorService clock;

    private void sleep() {
        assert Platform.isFxApplicationThread();
        pump.stop();
        sleeping.set(true);
        if (!dashboard.bridge().wakeOnNextEvent(wakeUp)) wakeUp.run();
    }

    private void resumePump() {
        assert Platform.isFxApplicationThread();
        if (!closed) pump.start();
    }

    /** True while the pump is stopped because nothing happened (for tests). FX thread. */
    boolean pumpSleeping() { return sleeping.get(); }

    /**
     * Builds the window's scene graph. {@code settings} gives the listeners (added to the services
     * view-model here), size, layout and theme; {@code store} (nullable) is where they are saved on close.
     */
    public MainWindow(Dashboard dashboard, EngineCommands engine, Settings settings, SettingsStore store) {
        this.dashboard = dashboard;
        this.store = store;
        this.settings = settings;
        this.controller = new MainController(dashboard, engine);
        // The theme goes first: the first control created would otherwise load JavaFX's default stylesheet (Modena)
        // only for the theme to replace it.
        applyTheme(settings.theme());
        StartupMarks.mark("theme set");
        // The listeners go in before the services pane is built, so it is built once (not once per listener).
        for (ListenerSpec s : settings.listeners()) dashboard.services().add(s);
        dashboard.services().setCaptureBudget(settings.captureBudget());
        root = controller.build();
        StartupMarks.mark("view built");
        root.getStylesheets().add(MainWindow.class.getResource("netmon.css").toExternalForm());
        controller.themeToggle.setSelected("dark".equals(settings.theme()));
        controller.themeToggle.selectedProperty().addListener((o, a, dark) -> applyTheme(dark ? "dark" : "light"));
        controller.split.setDividerPositions(settings.divider());
    }

    /** The scene graph's root. */
    public Parent root() { return root; }

    /** Shows a notice in the window's banner (e.g. a settings warning). */
    public void notice(Notice n) { dashboard.services().notice(n); }

    private void applyTheme(String theme) {
        Application.setUserAgentStylesheet("dark".equals(theme) ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        settings = settings.withTheme(theme);
    }

    /**
     * Gives the services pane the height of its rows: all of them up to {@value #MAX_FITTED_ROWS} (room for at
     * least {@value #MIN_FITTED_ROWS}), more scroll. With the inspectors attached, the connections table gets
     * {@link #CONNECTIONS_SHARE} of the rest. Runs when the window is first laid out and when listeners are added
     * or removed; in between the user's dragged dividers stay, and a window resize goes to the connections table
     * and inspectors (the services pane keeps its height). FX thread.
     */
    void fitServicesPane() {
        assert javafx.application.Platform.isFxApplicationThread();
        var split = controller.split;
        double splitHeight = split.getHeight();
        if (splitHeight <= 0 || controller.servicesPane.getHeight() <= 0) return;
        root.applyCss();
        root.layout();
        double want = servicesHeightFor(Math.max(MIN_FITTED_ROWS, Math.min(MAX_FITTED_ROWS, dashboard.services().rows().size())));
        double first = Math.min(want / splitHeight, 0.5);
        if (split.getItems().size() > 2) {
            split.setDividerPositions(first, first + (1 - first) * CONNECTIONS_SHARE);
        } else {
            split.setDividerPositions(first);
        }
    }

    /** The services pane's height showing {@code rows} listener rows: its chrome plus the grid down to that row. */
    private double servicesHeightFor(int rows) {
        var grid = controller.servicesGrid;
        int gridRows = 0;
        for (Node n : grid.getChildren()) {
            Integer r = GridPane.getRowIndex(n);
            gridRows = Math.max(gridRows, r == null ? 0 : r);
        }
        double[] bottom = new double[gridRows + 1];
        for (Node n : grid.getChildren()) {
            Integer r = GridPane.getRowIndex(n);
            int i = r == null ? 0 : r;
            bottom[i] = Math.max(bottom[i], n.getBoundsInParent().getMaxY());
        }
        double header = bottom[0];
        double perRow = gridRows > 0 ? (bottom[gridRows] - header) / gridRows : 36;
        double gridHeight = rows <= gridRows ? bottom[rows] : bottom[gridRows] + perRow * (rows - gridRows);
        gridHeight += grid.snappedBottomInset() + 2;
        double chrome = controller.servicesPane.getHeight() - controller.servicesScroll.getViewportBounds().getHeight();
        return chrome + gridHeight;
    }

    /** Every size the icons module ships: the window manager picks the one it needs. Any thread. */
    private static java.util.List<Image> decodeAppIcons() {
        java.util.List<Image> icons = new java.util.ArrayList<>();
        for (String path : Icons.appIconResources()) {
            var icon = MainWindow.class.getResource(path);
            if (icon != null) icons.add(new Image(icon.toExternalForm()));
        }
        return icons;
    }

    /** The icons {@link #appIcons} decoded, or decoded here should that have failed or still not be done. */
    private java.util.List<Image> appIcons() {
        try {
            return appIcons.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.debug("window icons not decoded in the background: {}", e.toString());
        }
        return decodeAppIcons();
    }

    /** Puts the window on {@code stage}, sized as remembered, starts the pump and shows it. */
    public void show(Stage stage) {
        assert javafx.application.Platform.isFxApplicationThread();
        this.stage = stage;
        Scene scene = new Scene(root, settings.width(), settings.height());
        stage.setScene(scene);
        StartupMarks.mark("scene created");
        stage.setTitle("netmon");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.getIcons().setAll(appIcons());
        StartupMarks.mark("icons loaded");
        if (!Double.isNaN(settings.x()) && !Double.isNaN(settings.y())) {
            stage.setX(settings.x());
            stage.setY(settings.y());
        }
        stage.setMaximized(settings.maximized());
        stage.setOnHidden(e -> {
            closed = true;
            pump.stop();
            dashboard.bridge().cancelWakeUp();
            if (clock != null) clock.shutdownNow();
            save();
        });
        closed = false;
        pump.start();
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netmon-ui-clock");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(wakeUp, 1, 1, TimeUnit.SECONDS);
        // The services pane keeps its height when the window is resized: the connections table takes the change.
        SplitPane.setResizableWithParent(controller.servicesPane, false);
        boolean laterInspectors = inspectors != null || pendingInspectors != null;
        FirstFrame.watch(scene, () -> StartupMarks.mark("first frame painted"), () -> {
            StartupMarks.mark("first frame");
            controller.installTooltips();
            if (laterInspectors) addInspectorsAfterFirstFrame();
        });
        stage.show();
        // Measured once the rows are laid out, and again whenever listeners are added or removed.
        Platform.runLater(this::fitServicesPane);
        dashboard.services().rows().addListener((javafx.collections.ListChangeListener<netmon.ui.model.ServiceRow>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved()) {
                    Platform.runLater(this::fitServicesPane);
                    return;
                }
            }
        });
    }

    /**
     * Puts the inspectors' tab pane into its holder (building them first if {@link #attachInspectorsLater} asked
     * for that) once the window's first frame is on screen ({@link FirstFrame}): that frame is drawn without them,
     * so the window, with its services pane and connections table working, shows sooner. FX thread.
     */
    private void addInspectorsAfterFirstFrame() {
        if (pendingInspectors != null) {
            Runnable r = pendingInspectors;
            pendingInspectors = null;
            r.run();
        }
        inspectorsHolder.getChildren().setAll(inspectors.node());
        StartupMarks.mark("inspectors in scene");
    }

    /** What would be saved now: listeners, window geometry, divider and theme. */
    public Settings currentSettings() {
        Settings s = settings.withListeners(dashboard.services().specs())
                .withCaptureBudget(dashboard.services().captureBudgetProperty().get());
        if (stage != null) {
            boolean max = stage.isMaximized();
            s = max ? s.withWindow(s.width(), s.height(), s.x(), s.y(), true)
                    : s.withWindow(stage.getWidth(), stage.getHeight(), stage.getX(), stage.getY(), false);
        }
        double[] d = controller.split.getDividerPositions();
        if (d.length > 0) s = s.withDivider(d[0]);
        return s;
    }

    /** Saves {@link #currentSettings()}; a failure is logged, never thrown (closing must not fail). */
    public void save() {
        if (store == null) return;
        try {
            store.save(currentSettings());
        } catch (IOException | RuntimeException e) {
            log.warn("could not save settings to {}: {}", store.file(), e.toString());
        }
    }

    /**
     * Adds the inspectors (traffic, Deferreds, client, throughput, log) as a third pane under the connections
     * table, shows the selected connection's or UDP flow's traffic in them, puts the count of failed-and-
     * unhandled Deferreds in the status bar, and pumps them with the bridge. Call once, before {@link #show}.
     * Their tab pane enters the scene just after the window's first frame (see {@link #attachInspectorsLater}).
     */
    public void attachInspectors(Inspectors ins) {
        assert javafx.application.Platform.isFxApplicationThread();
        reserveInspectorsPane();
        wireInspectors(ins);
    }

    /**
     * Like {@link #attachInspectors} but builds them only after the window's first frame: the pane they will
     * fill is reserved now (so nothing moves when they arrive), {@code make} runs on the FX thread once the
     * window's first frame is on screen, and {@code then} runs after they are attached. Building and styling
     * the five tabs costs more than the rest of the window together, and none of it is needed to draw the
     * services pane and the connections table. Call once, before {@link #show}.
     */
    public void attachInspectorsLater(java.util.function.Supplier<Inspectors> make, Runnable then) {
        assert javafx.application.Platform.isFxApplicationThread();
        reserveInspectorsPane();
        pendingInspectors = () -> {
            wireInspectors(make.get());
            StartupMarks.mark("inspectors built");
            then.run();
        };
    }

    private void reserveInspectorsPane() {
        double first = controller.split.getDividerPositions().length > 0 ? controller.split.getDividerPositions()[0] : 0.22;
        first = Math.min(first, 0.30);
        inspectorsHolder.getStyleClass().add("inspectors-holder");
        controller.split.getItems().add(inspectorsHolder);
        // Until the window is laid out and fitServicesPane() measures the rows: connections get most of the rest.
        controller.split.setDividerPositions(first, first + (1 - first) * CONNECTIONS_SHARE);
    }

    private void wireInspectors(Inspectors ins) {
        this.inspectors = ins;
        // Per-listener capture switches and the per-connection budget live in the services pane and the
        // settings; the capture behind the inspectors is told of them (and only through TrafficCapture).
        var services = dashboard.services();
        services.setCaptureSwitch((id, on) -> ins.capture().setListenerCaptured(id, on));
        ins.capture().setPerStreamLimit((int) services.captureBudgetProperty().get());
        services.captureBudgetProperty().addListener((o, a, b) -> ins.capture().setPerStreamLimit(b.intValue()));
        controller.table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r == null) return;
            if (r.isDatagram()) ins.showUdpFlow(r.listenerId(), r.peerText());
            else ins.showConnection(r.id());
        });
        Label unhandled = new Label();
        unhandled.setId("status-unhandled");
        unhandled.getStyleClass().addAll("status-item", "status-unhandled");
        unhandled.setStyle("-fx-text-fill: #c62828; -fx-font-weight: bold; -fx-cursor: hand;");
        unhandled.textProperty().bind(Bindings.createStringBinding(
                () -> "⚠ " + ins.unhandledDeferreds().get() + " unhandled", ins.unhandledDeferreds()));
        unhandled.setTooltip(new javafx.scene.control.Tooltip("Deferreds that ended in a failure no errback handled; click to see them"));
        unhandled.visibleProperty().bind(ins.unhandledDeferreds().greaterThan(0));
        unhandled.managedProperty().bind(unhandled.visibleProperty());
        unhandled.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        unhandled.setOnMouseClicked(e -> ins.select("Deferreds"));
        if (controller.statusQueue.getParent() instanceof HBox bar) {
            bar.getChildren().add(bar.getChildren().indexOf(controller.statusQueue) + 1, unhandled);
        }
    }

    /**
     * Adds send / broadcast / disconnect for a chat or echo client to the connections table's context menu;
     * each outcome shows in the banner. Call once, before {@link #show}.
     */
    public void attachConnectionActions(netmon.ui.client.ConnectionActions actions) {
        var selection = controller.table.getSelectionModel();
        var items = netmon.ui.client.ConnectionActionsMenu.items(actions, selection::getSelectedItem, (ok, msg) ->
                notice(new Notice(ok ? Notice.Level.INFO : Notice.Level.WARNING, "Connection", msg, System.currentTimeMillis())));
        controller.addContextItems(items, () -> netmon.ui.client.ConnectionActionsMenu.refresh(items, selection.getSelectedItem()));
    }

    /**
     * The traffic inspector has its own capture controls (capture on/off for the shown stream's listener, a
     * per-stream size): what they changed in the capture is taken into the services pane and the settings, so
     * both places show, and the settings remember, the capture's real state. Once a second, FX thread.
     */
    void syncCaptureFromInspectors() {
        assert Platform.isFxApplicationThread();
        if (inspectors == null) return;
        TrafficCapture capture = inspectors.capture();
        var services = dashboard.services();
        long limit = capture.perStreamLimit();
        if (limit != services.captureBudgetProperty().get() && limit >= Settings.MIN_CAPTURE_BUDGET && limit <= Settings.MAX_CAPTURE_BUDGET) {
            services.setCaptureBudget(limit);
        }
        for (netmon.ui.model.ServiceRow r : services.rows()) {
            if (r.handle() == null) continue;
            boolean on = capture.isListenerCaptured(r.handle().listenerId());
            if (on != r.isCaptured()) r.capturedProperty().set(on);
        }
    }

    /** The inspectors, if attached. */
    public Inspectors inspectors() { return inspectors; }

    /** The controller, for view tests in this package. */
    MainController controller() { return controller; }

    /** The dashboard it shows. */
    public Dashboard dashboard() { return dashboard; }
}
