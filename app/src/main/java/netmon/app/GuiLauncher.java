package netmon.app;

import java.util.List;
import netmon.ui.NetmonGui;

/**
 * The only class of {@code app} that refers to {@code netmon.ui}: keeping that reference here means the
 * headless path never resolves it, so {@code serve} loads no JavaFX class.
 */
final class GuiLauncher {
    /** How long after the launch the toolkit's code is kept out of C2: past the first frame. */
    static final long DIRECTIVE_DELAY_MS = 4_000;

    private GuiLauncher() {}

    /**
     * Opens the window, blocks until it closes and returns the exit status it reports. The toolkit's code
     * stays out of C2 ({@link ToolkitCompilation}, {@code -Dnetmon.toolkitC2}).
     */
    static int launch(List<ListenerSpec> listeners) {
        String[] args = listeners.stream().map(ListenerSpec::toString).toArray(String[]::new);
        if (ToolkitCompilation.wanted(System.getProperty(ToolkitCompilation.PROPERTY))) {
            // After the first frame: setting up the platform MBean server takes ~0.25 s of CPU, which a
            // start-up competing for two cores pays in full (first frame 2,452 -> 2,698 ms when it ran at
            // once, BENCHMARKS.md); the toolkit's code only gets hot under load, seconds after the window is up.
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(DIRECTIVE_DELAY_MS);
                } catch (InterruptedException e) {
                    return;
                }
                ToolkitCompilation.keepToolkitOutOfC2();
            }, "netmon-compiler-directive");
            t.setDaemon(true);
            t.start();
        }
        return NetmonGui.launch(args);
    }
}
