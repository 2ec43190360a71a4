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
     * Opens the window, blocks until it closes and returns the exit status it reports. The window's threads
     * run at a lower priority than the reactor's ({@link WindowPriority}, {@code -Dnetmon.windowNice}).
     */
    static int launch(List<ListenerSpec> listeners) {
        String[] args = listeners.stream().map(ListenerSpec::toString).toArray(String[]::new);
        int nice = WindowPriority.configured(System.getProperty(WindowPriority.PROPERTY));
        return NetmonGui.launch(args, () -> WindowPriority.lowerCallingThread(nice));
    }
}
