package netmon.ui.view;

import java.io.PrintStream;

/**
 * Start-up marks for {@code -Dnetmon.startupTiming=true}: each {@link #mark} prints
 * {@code startup: NAME N ms} (milliseconds since JVM start) on the launcher's error stream, so
 * bench/startup-gui.sh can see where the time to a shown window goes. Silent when the property is off.
 */
final class StartupMarks {
    static final boolean ENABLED = Boolean.getBoolean("netmon.startupTiming");
    private static volatile long startNanos;
    private static volatile PrintStream out = System.err;

    private StartupMarks() {}

    /** Where marks count from ({@link System#nanoTime()} at JVM start; 0 = unknown, no marks) and go. */
    static void begin(long jvmStartNanos, PrintStream err) {
        startNanos = jvmStartNanos;
        out = err;
    }

    static void mark(String name) {
        if (!ENABLED || startNanos <= 0) return;
        out.printf("startup: %s %.0f ms after JVM start%n", name, (System.nanoTime() - startNanos) / 1e6);
        out.flush();
    }
}
