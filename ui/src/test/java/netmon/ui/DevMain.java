package netmon.ui;

/** Runs the GUI from the ui module's test classpath (before the app module's Main exists): {@code DevMain NAME=ENDPOINT ...}. */
public final class DevMain {
    private DevMain() {}

    public static void main(String[] args) {
        System.exit(NetmonGui.launch(args));
    }
}
