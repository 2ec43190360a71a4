package netmon.app;

import java.io.PrintStream;
import java.util.List;

/** The headless {@code serve} command. Placeholder until the engine's reactor and services are merged. */
final class Serve {
    private Serve() {}

    static int run(List<ListenerSpec> specs, PrintStream out, PrintStream err) {
        err.println("error: serve: the engine is not built yet");
        err.flush();
        return 1;
    }
}
