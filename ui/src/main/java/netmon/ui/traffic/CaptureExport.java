package netmon.ui.traffic;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import netmon.engine.capture.CaptureRecorder;
import netmon.engine.capture.PcapngWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export capture…: writes what the engine's capture store holds as a pcapng file Wireshark and tshark open.
 * The snapshot and the write both run on a writer thread of their own, never on the FX thread (a snapshot
 * copies up to the budget per connection) nor on the reactor; the file is written atomically (temporary
 * file, fsync, rename) by {@link PcapngWriter}. The outcome comes back on the FX thread as a {@link Result}
 * ("Exported N packets to FILE" or the error). Called on the FX thread.
 */
public final class CaptureExport {
    private static final Logger log = LoggerFactory.getLogger(CaptureExport.class);

    /** The shortcut: Ctrl+E (Cmd+E on macOS). */
    public static final KeyCombination KEY = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);

    /**
     * How an export ended.
     *
     * @param ok      true if the file was written
     * @param file    the file asked for
     * @param packets packets written (0 on failure)
     * @param message the one-line notice to show
     */
    public record Result(boolean ok, Path file, long packets, String message) {}

    private final CaptureRecorder recorder;
    private final PcapngWriter writer = new PcapngWriter();
    private final Executor fx;
    private final Executor io;
    private final ReadOnlyObjectWrapper<Result> last = new ReadOnlyObjectWrapper<>(this, "last");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private File lastDirectory;

    /** Exports from {@code recorder}; outcomes are delivered through {@code fx} (e.g. {@code Platform::runLater}). */
    public CaptureExport(CaptureRecorder recorder, Executor fx) {
        this(recorder, fx, r -> {
            Thread t = new Thread(r, "netmon-capture-export");
            t.setDaemon(true);
            t.start();
        });
    }

    CaptureExport(CaptureRecorder recorder, Executor fx, Executor io) {
        this.recorder = recorder;
        this.fx = fx;
        this.io = io;
    }

    /** The latest export's outcome (null before the first). */
    public ReadOnlyObjectProperty<Result> lastResultProperty() { return last.getReadOnlyProperty(); }

    /** True while an export is being written. */
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /**
     * Asks for a file (*.pcapng) and exports to it; does nothing if the user cancels. FX thread.
     *
     * @param owner the dialog's owner window (may be null)
     */
    public void chooseAndExport(Window owner) {
        assert Platform.isFxApplicationThread();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export capture");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("pcapng capture (*.pcapng)", "*.pcapng"));
        chooser.setInitialFileName(defaultName(LocalDateTime.now()));
        if (lastDirectory != null && lastDirectory.isDirectory()) chooser.setInitialDirectory(lastDirectory);
        File f = chooser.showSaveDialog(owner);
        if (f == null) return;
        lastDirectory = f.getParentFile();
        export(withExtension(f.toPath()));
    }

    /** {@code netmon-20261122-223000.pcapng}. */
    static String defaultName(LocalDateTime t) {
        return "netmon-" + t.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + ".pcapng";
    }

    /** Adds {@code .pcapng} unless the name already ends with it (some file dialogs leave it off). */
    static Path withExtension(Path p) {
        String name = p.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".pcapng") ? p : p.resolveSibling(name + ".pcapng");
    }

    /**
     * Snapshots the capture and writes it to {@code file} off the FX thread and off the reactor. The future
     * completes on the FX thread with the outcome (never exceptionally), which is also set as
     * {@link #lastResultProperty()}. FX thread.
     */
    public CompletableFuture<Result> export(Path file) {
        assert Platform.isFxApplicationThread();
        Path target = file.toAbsolutePath();
        running.set(true);
        CompletableFuture<Result> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(recorder::snapshot, io)
                .thenCompose(s -> writer.writeAsyncCounting(s, target, Runnable::run))
                .handle((n, error) -> error == null
                        ? new Result(true, target, n, String.format(Locale.ROOT, "Exported %,d packets to %s", n, target))
                        : failed(target, error))
                .thenAccept(r -> fx.execute(() -> {
                    running.set(false);
                    last.set(r);
                    done.complete(r);
                }));
        return done;
    }

    private static Result failed(Path target, Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        log.warn("capture export to {} failed: {}", target, t.toString());
        String why = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return new Result(false, target, 0, "Export to " + target + " failed: " + why);
    }
}
