package netmon.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the window's threads a lower scheduling priority (a higher Linux nice value) than the engine's,
 * so that on a busy core the reactor gets the CPU when it wakes and the window simply draws a little
 * later; on an idle machine nothing changes, since nice only weighs threads that compete for a core.
 *
 * <p>Java has no API for a thread's nice value, so this runs util-linux's {@code renice} on the calling
 * thread's id (read from {@code /proc/thread-self}). A Linux thread inherits its creator's nice value,
 * so lowering the thread that is about to start JavaFX lowers every thread JavaFX then starts from it
 * (launcher, application thread, renderer, the window's timers and workers), while the reactor's
 * thread, started earlier, keeps the normal priority. Lowering needs no privilege; raising it back
 * would, so the calling thread should be one that only starts the window and waits for it.
 *
 * <p>Off with {@code -Dnetmon.windowNice=0}. Anything that does not work (not Linux, no {@code renice},
 * no {@code /proc}) is logged at debug level and ignored: the window then runs at the normal priority.
 */
final class WindowPriority {
    /** System property with the nice value for the window's threads; 0 turns the lowering off. */
    static final String PROPERTY = "netmon.windowNice";
    /** Weight 110 against the reactor's 1024 on a shared core (the kernel's nice-to-weight table). */
    static final int DEFAULT_NICE = 10;
    private static final int MAX_NICE = 19;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final Logger log = LoggerFactory.getLogger(WindowPriority.class);

    private WindowPriority() {}

    /**
     * The nice value asked for by {@link #PROPERTY}'s value: {@link #DEFAULT_NICE} when unset or not a
     * number, 0 (off) for 0 or less, at most 19.
     */
    static int configured(String value) {
        if (value == null || value.isBlank()) return DEFAULT_NICE;
        try {
            return Math.max(0, Math.min(MAX_NICE, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            log.debug("{}={}: not a number, using {}", PROPERTY, value, DEFAULT_NICE);
            return DEFAULT_NICE;
        }
    }

    /**
     * Sets the calling thread's nice value to {@code nice} unless it is 0 or the thread already runs at
     * that nice value or a higher one (a process started with {@code nice} keeps its own). Returns the
     * calling thread's nice value afterwards, or empty where it cannot be read (not Linux).
     */
    static OptionalInt lowerCallingThread(int nice) {
        OptionalLong tid = callingThreadId();
        if (tid.isEmpty()) {
            log.debug("no /proc/thread-self: the window keeps the normal priority");
            return OptionalInt.empty();
        }
        Path task = THREAD_SELF.resolve("stat");
        OptionalInt before = niceOf(task);
        if (nice <= 0 || before.isEmpty() || before.getAsInt() >= nice) return before;
        renice(tid.getAsLong(), nice);
        return niceOf(task);
    }

    /** The calling thread's kernel thread id, from the {@code PID/task/TID} that /proc/thread-self names. */
    static OptionalLong callingThreadId() {
        try {
            Path target = Files.readSymbolicLink(THREAD_SELF);
            return OptionalLong.of(Long.parseLong(target.getFileName().toString()));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The nice value (field 19) of a {@code /proc/.../stat} file, or empty if it cannot be read. */
    static OptionalInt niceOf(Path stat) {
        try {
            return parseNice(Files.readString(stat));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** Field 19 of a stat line; the fields are counted after the command name, which may hold spaces and ')'. */
    static OptionalInt parseNice(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) return OptionalInt.empty();
        String[] rest = statLine.substring(close + 1).trim().split(" +");
        // rest[0] is field 3 (state), so field 19 is rest[16].
        if (rest.length <= 16) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(rest[16]));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static void renice(long tid, int nice) {
        ProcessBuilder pb = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", Long.toString(tid))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.debug("renice did not finish within 2 s");
            } else if (p.exitValue() != 0) {
                log.debug("renice -n {} -p {} exited with {}", nice, tid, p.exitValue());
            }
        } catch (IOException e) {
            log.debug("cannot run renice: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
