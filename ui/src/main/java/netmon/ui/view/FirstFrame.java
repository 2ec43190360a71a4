package netmon.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on the FX thread once a scene's first frame is on screen: after the renderer has painted it and
 * after whatever that painting queued for the FX thread (the software pipeline uploads the pixels to the window
 * there). The window builds what its first frame does not show (the inspectors) this way: work done on the FX
 * thread any earlier delays the frame itself.
 *
 * <p>JavaFX has no public "frame shown" event; its per-scene performance tracker ({@code com.sun.javafx.perf},
 * reachable with JavaFX on the class path) reports rendered frames. Should that be unavailable, or never report,
 * the tasks run after {@value #FALLBACK_PULSES} pulses instead. FX thread.
 */
final class FirstFrame {
    private static final Logger log = LoggerFactory.getLogger(FirstFrame.class);
    /** Pulses after the first layout that stand for "the first frame is on screen" if no frame is reported. */
    static final int FALLBACK_PULSES = 30;

    private final Scene scene;
    private final List<Runnable> painted = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private boolean done;
    private int pulses;
    private final Runnable pulseListener = this::pulse;

    private FirstFrame(Scene scene) {
        this.scene = scene;
    }

    /**
     * Watches {@code scene} (before its window shows): {@code onPainted} (may be null) runs on the renderer's
     * thread when the first frame is painted, {@code onScreen} on the FX thread once it is on screen.
     */
    static void watch(Scene scene, Runnable onPainted, Runnable onScreen) {
        assert Platform.isFxApplicationThread();
        FirstFrame f = new FirstFrame(scene);
        if (onPainted != null) f.painted.add(onPainted);
        f.tasks.add(onScreen);
        scene.addPostLayoutPulseListener(f.pulseListener);
        try {
            var tracker = com.sun.javafx.perf.PerformanceTracker.getSceneTracker(scene);
            var once = new java.util.concurrent.atomic.AtomicBoolean();
            tracker.setOnRenderedFrameTask(() -> {
                if (!once.compareAndSet(false, true)) return;
                f.painted.forEach(Runnable::run);
                // Posted after what the painter queued for the FX thread.
                Platform.runLater(() -> {
                    com.sun.javafx.perf.PerformanceTracker.releaseSceneTracker(scene);
                    f.finish();
                });
            });
        } catch (LinkageError | RuntimeException e) {
            log.debug("no rendered-frame report ({}): counting pulses", e.toString());
        }
    }

    private void pulse() {
        if (++pulses >= FALLBACK_PULSES) Platform.runLater(this::finish);
    }

    private void finish() {
        if (done) return;
        done = true;
        scene.removePostLayoutPulseListener(pulseListener);
        tasks.forEach(Runnable::run);
    }
}
