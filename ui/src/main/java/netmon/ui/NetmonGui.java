package netmon.ui;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.settings.SettingsStore;
import netmon.ui.view.NetmonApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the netmon window: the reactor on its own thread, the JavaFX application on the calling one.
 * Closing the window (or SIGTERM / SIGINT) stops the reactor through its shutdown triggers.
 */
public final class NetmonGui {
    private static final Logger log = LoggerFactory.getLogger(NetmonGui.class);

    private NetmonGui() {}

    /**
     * Opens the main window and blocks until it is closed. {@code listenerArgs} are {@code NAME=ENDPOINT}
     * specs to start at once (each prints {@code listening NAME PROTO ADDR:PORT} on stdout when up).
     * Returns the process exit status.
     */
    public static int launch(String[] listenerArgs) {
        return launch(listenerArgs, SettingsStore.atDefaultLocation(), System.out, System.err);
    }

    /** {@link #launch(String[])} with explicit settings location and streams. */
    public static int launch(String[] listenerArgs, SettingsStore store, PrintStream out, PrintStream err) {
        long startNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        if (Boolean.getBoolean("netmon.startupTiming")) {
            err.printf("startup: main %.0f ms after JVM start%n", (System.nanoTime() - startNanos) / 1e6);
        }
        SelectReactor reactor = new SelectReactor();
        Thread loop = reactor.startThread("netmon-reactor");
        installSignalHandlers();
        NetmonApp.setContext(new NetmonApp.Context(reactor, List.of(listenerArgs), store, out, err, startNanos));
        if (Boolean.getBoolean("netmon.startupTiming")) {
            err.printf("startup: reactor started %.0f ms after JVM start%n", (System.nanoTime() - startNanos) / 1e6);
        }
        int status = 0;
        try {
            Application.launch(NetmonApp.class);
        } catch (RuntimeException e) {
            err.println("error: the window could not be opened: " + e.getMessage());
            log.debug("launch failed", e);
            status = 1;
        } finally {
            stopReactor(reactor, loop);
        }
        return status;
    }

    private static void stopReactor(SelectReactor reactor, Thread loop) {
        try {
            reactor.stop();
        } catch (RuntimeException e) {
            // Already stopped: nothing left to close.
            log.debug("reactor stop: {}", e.toString());
        }
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) log.warn("reactor did not stop within 5 s");
    }

    /** SIGTERM and SIGINT close the window like the close button does, so the normal exit path (status 0) runs. */
    @SuppressWarnings("restriction")
    private static void installSignalHandlers() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> Platform.exit());
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                log.debug("cannot handle SIG{}: {}", name, e.toString());
            }
        }
    }
}
