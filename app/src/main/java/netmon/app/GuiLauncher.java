package netmon.app;

import java.util.List;
import netmon.ui.NetmonGui;

/**
 * The only class of {@code app} that refers to {@code netmon.ui}: keeping that reference here means the
 * headless path never resolves it, so {@code serve} loads no JavaFX class.
 */
final class GuiLauncher {
    private GuiLauncher() {}

    /** Opens the window, blocks until it closes and returns the exit status it reports. */
    static int launch(List<ListenerSpec> listeners) {
        String[] args = listeners.stream().map(ListenerSpec::toString).toArray(String[]::new);
        return NetmonGui.launch(args);
    }
}
