package netmon.ui.traffic;

import java.util.concurrent.Executor;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import netmon.engine.capture.CaptureRecorder;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.reactor.Reactor;
import netmon.ui.chart.ThroughputMeter;
import netmon.ui.chart.ThroughputModel;
import netmon.ui.chart.ThroughputPane;
import netmon.ui.client.ClientPane;
import netmon.ui.client.ClientTool;
import netmon.ui.deferreds.DeferredTracker;
import netmon.ui.deferreds.DeferredsPane;
import netmon.ui.deferreds.DeferredsViewModel;
import netmon.ui.logs.LogPane;
import netmon.ui.logs.LogRing;

/**
 * The window's inspectors in one tab pane (Traffic, Deferreds, Client, Throughput, Log) and the watchers
 * that feed them: the engine's {@link CaptureRecorder} (one capture store, read by the Traffic tab through
 * {@link RecorderCapture} and written out by {@link CaptureExport}) and a {@link ThroughputMeter} on the reactor's monitor and a
 * {@link DeferredTracker} on the process-wide Deferred hub. Each watcher keeps bounded state on the
 * engine's side; {@link #pulse(long)} (about 30 times a second, from its own animation timer or the
 * host's) pulls what is new into the views. FX thread.
 */
public final class Inspectors {
    /** Drains at most this often. */
    public static final long PULSE_MILLIS = 33;
    /** The tab on show is fed at most this often: under load its figures and lists change five times a second, not thirty. */
    static final long SHOWN_MILLIS = 200;
    /** The Deferreds model's counts (the status bar's unhandled figure) are kept this fresh while its tab is hidden. */
    static final long HIDDEN_MILLIS = 1000;
    /** Connections and UDP flows the window's capture remembers (the oldest closed ones are forgotten first). */
    public static final int MAX_TRACKED = 1_000;
    /** Bytes the window's capture keeps over all streams together. */
    public static final long TOTAL_BUDGET = 64L << 20;

    private final Reactor reactor;
    private final CaptureRecorder recorder;
    private final RecorderCapture capture;
    private final ThroughputMeter meter = new ThroughputMeter();
    private final DeferredTracker tracker = new DeferredTracker();
    private final TrafficViewModel traffic;
    private final DeferredsViewModel deferreds = new DeferredsViewModel(tracker);
    private final ClientTool clientTool;
    private final CaptureExport export;
    private final TrafficPane trafficPane;
    private final DeferredsPane deferredsPane;
    private final ClientPane clientPane;
    private final ThroughputPane throughputPane;
    private final LogPane logPane;
    private final TabPane tabs = new TabPane();
    private final Tab trafficTab;
    private final Tab deferredsTab;
    private final Tab clientTab;
    private final Tab logTab; // null without a log
    private boolean attached;
    private long lastPulse = Long.MIN_VALUE / 2;
    /** When the tab on show was last fed (only that one is), reset when another tab is selected. */
    private long lastShownFeed = Long.MIN_VALUE / 2;
    /** When the Deferreds model was last fed, shown or not. */
    private long lastDeferredsFeed = Long.MIN_VALUE / 2;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) { pulse(System.currentTimeMillis()); }
    };

    /** Inspectors for {@code reactor}; {@code fx} runs results on the FX thread; {@code log} may be null (no Log tab). */
    public Inspectors(Reactor reactor, Executor fx, LogRing log) {
        this.reactor = reactor;
        recorder = new CaptureRecorder(CaptureRecorder.DEFAULT_BYTE_BUDGET, MAX_TRACKED, reactor.monitor());
        recorder.setTotalBudget(TOTAL_BUDGET);
        capture = new RecorderCapture(recorder);
        traffic = new TrafficViewModel(capture);
        this.clientTool = new ClientTool(reactor, fx);
        trafficPane = new TrafficPane(traffic);
        export = new CaptureExport(recorder, fx);
        trafficPane.setExport(export);
        deferredsPane = new DeferredsPane(deferreds);
        clientPane = new ClientPane(clientTool, capture);
        throughputPane = new ThroughputPane(new ThroughputModel(meter));
        logPane = log == null ? null : new LogPane(log);
        trafficTab = tab("Traffic", trafficPane, "tab-traffic");
        deferredsTab = tab("Deferreds", deferredsPane, "tab-deferreds");
        clientTab = tab("Client", clientPane, "tab-client");
        tabs.getTabs().addAll(trafficTab, deferredsTab, clientTab, tab("Throughput", throughputPane, "tab-throughput"));
        logTab = logPane == null ? null : tab("Log", logPane, "tab-log");
        if (logTab != null) tabs.getTabs().add(logTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("inspector-tabs");
        tabs.getStylesheets().addAll(Inspectors.class.getResource("traffic.css").toExternalForm(),
                Inspectors.class.getResource("/netmon/ui/deferreds/deferreds.css").toExternalForm());
        // A tab just selected is fed at the next pulse rather than up to a second later.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            lastShownFeed = Long.MIN_VALUE / 2;
            lastPulse = Long.MIN_VALUE / 2;
            deferredsPane.setShowing(t == deferredsTab);
        });
        deferredsPane.setShowing(deferredsTab.isSelected());
        deferreds.unhandledProperty().addListener((o, a, n) -> deferredsTab.setText(
                n.intValue() > 0 ? "Deferreds (" + n + " unhandled)" : "Deferreds"));
    }

    private static Tab tab(String name, javafx.scene.Node content, String id) {
        Tab t = new Tab(name, content);
        t.setId(id);
        return t;
    }

    /** Starts watching: attaches the capture and meter to the reactor's monitor and the tracker to the Deferred hub. */
    public void attach() {
        if (attached) return;
        attached = true;
        reactor.monitor().add(recorder);
        reactor.monitor().add(meter);
        MonitorHub.deferreds().add(tracker);
    }

    /** Stops watching (and the timer, if started). */
    public void detach() {
        timer.stop();
        if (!attached) return;
        attached = false;
        reactor.monitor().remove(recorder);
        reactor.monitor().remove(meter);
        MonitorHub.deferreds().remove(tracker);
    }

    /** Starts an animation timer that pulses about 30 times a second (for hosts without their own pump). */
    public void start() { timer.start(); }

    /**
     * Pulls new traffic, Deferred changes, throughput samples and log lines into the views. FX thread.
     * Only the tab on show is fed: under load, every change to a node, even one on a hidden tab, makes the
     * toolkit sync the scene, and a sync that leaves nothing visibly dirty repaints the whole window (the
     * software renderer's most expensive frame). The visible tab is fed at most {@link #SHOWN_MILLIS} apart;
     * the Deferreds model, which also counts the unhandled ones for the status bar, is still fed once a
     * second while hidden; a tab catches up as soon as it is selected.
     */
    public void pulse(long nowMillis) {
        if (nowMillis - lastPulse < PULSE_MILLIS) return;
        lastPulse = nowMillis;
        long t0 = System.nanoTime();
        Tab shown = nowMillis - lastShownFeed >= SHOWN_MILLIS ? tabs.getSelectionModel().getSelectedItem() : null;
        if (shown != null) lastShownFeed = nowMillis;
        if (shown == trafficTab) traffic.pulse();
        if (shown == deferredsTab || (!deferredsTab.isSelected() && nowMillis - lastDeferredsFeed >= HIDDEN_MILLIS)) {
            lastDeferredsFeed = nowMillis;
            deferreds.pulse();
            if (shown == deferredsTab) deferredsPane.refreshSelected();
        }
        if (shown == clientTab) clientPane.pulse();
        throughputPane.pulse(nowMillis);
        if (logTab != null && shown == logTab) logPane.pulse();
        lastPulseNanos = System.nanoTime() - t0;
        if (lastPulseNanos > 100_000_000L) log.debug("inspectors pulse took {} ms", lastPulseNanos / 1_000_000);
    }

    private long lastPulseNanos;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Inspectors.class);

    /** How long the last pulse took on the FX thread, in nanoseconds. */
    public long lastPulseNanos() { return lastPulseNanos; }

    /** Shows TCP connection {@code id} in the Traffic tab. */
    public void showConnection(long id) { traffic.show(StreamKey.tcp(id)); }

    /** Shows the UDP flow between listener {@code listenerId} and {@code peer} ({@code host:port}) in the Traffic tab. */
    public void showUdpFlow(long listenerId, String peer) { traffic.show(StreamKey.udp(listenerId, peer)); }

    /** Clears the Traffic tab. */
    public void showNothing() { traffic.show(null); }

    /** The tab pane to put in the window. */
    public TabPane node() { return tabs; }

    /** Failed-and-unhandled Deferreds in the process now: the status bar's figure. */
    public ReadOnlyIntegerProperty unhandledDeferreds() { return deferreds.unhandledProperty(); }

    /** The capture the Traffic tab reads: the engine's recorder behind {@link TrafficCapture}. */
    public TrafficCapture capture() { return capture; }

    /** File → Export capture… (the Traffic tab's button and Ctrl+E). */
    public CaptureExport export() { return export; }

    /** The engine's capture store itself (what an export snapshots). */
    public CaptureRecorder recorder() { return recorder; }

    /** The traffic view-model. */
    public TrafficViewModel traffic() { return traffic; }

    /** The Deferreds view-model. */
    public DeferredsViewModel deferreds() { return deferreds; }

    /** The Deferreds pane. */
    public DeferredsPane deferredsPane() { return deferredsPane; }

    /** The client tool. */
    public ClientTool clientTool() { return clientTool; }

    /** The client pane. */
    public ClientPane clientPane() { return clientPane; }

    /** The Log tab's pane (null without a log), for tests. */
    LogPane logPane() { return logPane; }

    /** The Traffic tab's pane. */
    public TrafficPane trafficPane() { return trafficPane; }

    /** The tab pane's tabs, by name: selects one. */
    public void select(String name) {
        for (Tab t : tabs.getTabs()) if (t.getText().startsWith(name)) tabs.getSelectionModel().select(t);
    }
}
