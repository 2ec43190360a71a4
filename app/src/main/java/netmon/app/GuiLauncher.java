package netmon.app;

import java.util.List;
import netmon.ui.NetmonGui;

/**
 * The only class of {@code app} that refers to {@code netmon.ui}: keeping that reference here means the
 * headless path never resolves it, so {@code serve} loads no JavaFX class.
 */
final class GuiLauncher {
    private GuiLauncher() {}

    /**
     * Opens the window, blocks until it closes and returns the exit status it reports. The toolkit's code
     * stays out of C2 ({@link ToolkitCompilation}, {@code -Dnetmon.toolkitC2}).
     */
    static int launch(List<ListenerSpec> listeners) {
        String[] args = listeners.stream().map(ListenerSpec::toString).toArray(String[]::new);
        if (ToolkitCompilation.wanted(System.getProperty(ToolkitCompilation.PROPERTY))) {
            // Off the start-up path: the platform MBean server takes a while to set up, and the toolkit's
            // code only gets hot seconds after the window is up.
            Thread t = new Thread(ToolkitCompilation::keepToolkitOutOfC2, "netmon-compiler-directive");
            t.setDaemon(true);
            t.start();
        }
        return NetmonGui.launch(args);
    }
}
