package netmon.ui.view;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import netmon.engine.reactor.Reactor;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.engine.EngineCommands;
import netmon.ui.engine.ReactorEngineCommands;
import netmon.ui.model.ConnectionsViewModel;
import netmon.ui.model.Dashboard;
import netmon.ui.model.Notice;
import netmon.ui.model.ServiceRow;
import netmon.ui.model.ServicesViewModel;
import netmon.ui.model.StatusViewModel;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import netmon.ui.settings.SettingsStore;
import netmon.ui.logs.LogCapture;
import netmon.ui.traffic.Inspectors;

/**
 * The JavaFX application: wires a running reactor's monitor to the bridge, the bridge to the window,
 * and starts the listeners given on the command line. {@link netmon.ui.NetmonGui} hands it its
 * {@link Context} before launching (JavaFX instantiates the class itself).
 */
public final class NetmonApp extends Application {

    /**
     * What the launcher hands over.
     *
     * @param reactor      a running reactor
     * @param listenerArgs {@code NAME=ENDPOINT} listeners to start at once
     * @param store        where settings live
     * @param out          where {@code listening ...} lines go
     * @param err          where {@code error: ...} lines go
     * @param startNanos   {@link System#nanoTime()} at JVM start, for the startup figure (0 if unknown)
     */
    public record Context(Reactor reactor, List<String> listenerArgs, SettingsStore store, PrintStream out, PrintStream err,
                          long startNanos) {}

    private static volatile Context context;
    private FxEventBridge bridge;
    private MainWindow window;
    private Inspectors inspectors;

    /** Sets what the next launch uses. */
    public static void setContext(Context c) { context = c; }

    @Override
    public void start(Stage stage) {
        Context c = context;
        StartupMarks.begin(c.startNanos(), c.err());
        StartupMarks.mark("toolkit up");
        bridge = new FxEventBridge();
        c.reactor().monitor().add(bridge);
        EngineCommands engine = new ReactorEngineCommands(c.reactor(), Platform::runLater);
        SettingsStore.Loaded loaded = c.store().load(Settings.defaults(ServicesViewModel.defaults()));
        Dashboard dashboard = new Dashboard(bridge, new ServicesViewModel(engine, System::currentTimeMillis),
                new ConnectionsViewModel(), new StatusViewModel());
        StartupMarks.mark("settings read");
        window = new MainWindow(dashboard, engine, loaded.settings(), c.store());
        StartupMarks.mark("main window built");
        window.attachConnectionActions(new netmon.ui.client.ConnectionActions(c.reactor(), (ReactorEngineCommands) engine, Platform::runLater));
        netmon.ui.logs.LogRing logs = LogCapture.install(5_000);
        // The inspectors are built just after the first frame, and the command line's listeners start once they
        // watch the engine, so they capture those listeners' first connections and Deferreds. (Listeners from the
        // settings stay off until the user switches them on.)
        window.attachInspectorsLater(() -> {
            inspectors = new Inspectors(c.reactor(), Platform::runLater, logs);
            inspectors.attach();
            return inspectors;
        }, () -> startFromArgs(dashboard.services(), c));
        window.show(stage);
        StartupMarks.mark("stage.show returned");
        Platform.runLater(() -> StartupMarks.mark("window shown"));
        if (loaded.warning() != null) window.notice(new Notice(Notice.Level.WARNING, "Settings reset", loaded.warning(), System.currentTimeMillis()));
    }

    /**
     * Starts each {@code NAME=ENDPOINT}, reusing a stopped row with the same kind and endpoint, and prints the
     * contract's lines. A row made for an argument is not saved into the settings unless the user changes it.
     */
    static void startFromArgs(ServicesViewModel services, Context c) {
        for (String arg : c.listenerArgs()) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                c.err().println("error: " + arg + ": expected NAME=ENDPOINT, e.g. echo=tcp:7000");
                services.notice(new Notice(Notice.Level.ERROR, "Bad listener argument", "expected NAME=ENDPOINT, got '" + arg + "'",
                        System.currentTimeMillis()));
                continue;
            }
            String kind = arg.substring(0, eq), endpoint = arg.substring(eq + 1);
            if (!ServicesViewModel.defaults().stream().map(ListenerSpec::kind).toList().contains(kind)) {
                c.err().println("error: " + arg + ": unknown service '" + kind + "' (expected echo, chat, udp-echo)");
                services.notice(new Notice(Notice.Level.ERROR, "Bad listener argument", "unknown service '" + kind + "'",
                        System.currentTimeMillis()));
                continue;
            }
            ServiceRow row = null;
            for (ServiceRow r : new ArrayList<>(services.rows())) {
                if (r.kind().equals(kind) && r.getEndpoint().equals(endpoint) && !r.isSwitchOn()) {
                    row = r;
                    break;
                }
            }
            if (row == null) row = services.addFromCommandLine(kind, endpoint);
            services.switchOn(row).addCallback(r -> {
                if (r.getPhase() == ServiceRow.Phase.LISTENING) {
                    c.out().println(r.handle().listeningLine());
                    c.out().flush();
                } else {
                    c.err().println("error: " + arg + ": " + r.getStateText().replaceFirst("^failed: ", ""));
                }
                return null;
            });
        }
    }

    @Override
    public void stop() {
        if (window != null) window.save();
        if (inspectors != null) inspectors.detach();
        Context c = context;
        if (c != null && bridge != null) c.reactor().monitor().remove(bridge);
    }
}
