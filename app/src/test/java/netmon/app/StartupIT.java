package netmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: how the real {@code netmon.jar} starts in {@code serve} mode. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartupIT {

    @Test
    void serveLoadsNoJavaFxClass(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        try (ServeProcess p = ServeProcess.startWithJvmOptions(
                List.of("-Xlog:class+load=info:file=" + log), "echo=tcp:0", "udp-echo=udp:0")) {
            p.awaitListening(2, Duration.ofSeconds(30));
            p.sigterm();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(5)), p.describe());
        }
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.size() > 100, "the class-load log was written");
        List<String> fx = loaded.stream().filter(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx.")
                || l.contains(" netmon.ui.")).toList();
        assertEquals(List.of(), fx, "classes serve must not load");
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        try (ServeProcess p = ServeProcess.startWithJvmOptions(List.of("-Dnetmon.unused=1"), "--help")) {
            assertEquals(0, p.awaitExit(Duration.ofSeconds(10)), p.describe());
            assertTrue(p.stdoutLines().get(0).startsWith("usage: java -jar netmon.jar"), p.describe());
        }
    }
}
