package netmon.ui.view;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.engine.ReactorEngineCommands;
import netmon.ui.logs.LogRing;
import netmon.ui.model.ConnectionsViewModel;
import netmon.ui.model.Dashboard;
import netmon.ui.model.ServiceRow;
import netmon.ui.model.ServicesViewModel;
import netmon.ui.model.StatusViewModel;
import netmon.ui.settings.Settings;
import netmon.ui.traffic.Inspectors;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Test fixture: the real main window wired as {@code NetmonApp} wires it (bridge, engine commands, view-models,
 * optionally the inspectors) on a real reactor thread, shown on TestFX's stage. Open it from a {@code @Start}
 * method (FX thread) and {@link #close()} it from {@code @AfterEach}.
 */
public final class LiveWindow {
    public final SelectReactor reactor = new SelectReactor();
    public final MainWindow window;
    /** The attached inspectors, or null when opened without them. */
    public final Inspectors inspectors;
    private final Thread loop;

    private LiveWindow(Stage stage, Settings settings, boolean withInspectors, Consumer<LiveWindow> beforeShow) {
        loop = reactor.startThread("test-reactor");
        FxEventBridge bridge = new FxEventBridge();
        reactor.monitor().add(bridge);
        ReactorEngineCommands engine = new ReactorEngineCommands(reactor, Platform::runLater);
        Dashboard d = new Dashboard(bridge, new ServicesViewModel(engine, System::currentTimeMillis), new ConnectionsViewModel(),
                new StatusViewModel());
        window = new MainWindow(d, engine, settings, null);
        if (withInspectors) {
            inspectors = new Inspectors(reactor, Platform::runLater, new LogRing(100));
            inspectors.attach();
            window.attachInspectors(inspectors);
        } else {
            inspectors = null;
        }
        if (beforeShow != null) beforeShow.accept(this);
        window.show(stage);
    }

    /** The window without the inspectors pane. FX thread. */
    public static LiveWindow open(Stage stage, Settings settings) {
        return new LiveWindow(stage, settings, false, null);
    }

    /** The window without the inspectors pane; {@code beforeShow} runs once it is built, before it shows. FX thread. */
    public static LiveWindow open(Stage stage, Settings settings, Consumer<LiveWindow> beforeShow) {
        return new LiveWindow(stage, settings, false, beforeShow);
    }

    /** The window with the inspectors attached, as the app shows it. FX thread. */
    public static LiveWindow openWithInspectors(Stage stage, Settings settings) {
        return new LiveWindow(stage, settings, true, null);
    }

    /** The services pane's row {@code i}. */
    public ServiceRow row(int i) { return window.dashboard().services().rows().get(i); }

    /** Detaches the inspectors and stops the reactor, waiting for its thread. */
    public void close() throws InterruptedException {
        if (inspectors != null) Platform.runLater(inspectors::detach);
        reactor.stop();
        loop.join(5000);
    }

    /** Waits up to 10 s for {@code condition}, then for the FX events it caused. */
    public static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
