package netmon.app;

/** The entry point of {@code netmon.jar}: the GUI by default, {@code serve} for the headless mode. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("error: not built yet");
        System.exit(2);
    }
}
