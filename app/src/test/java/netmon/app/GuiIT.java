package netmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: {@code java -jar netmon.jar NAME=ENDPOINT} (no {@code serve}) opens the window from the fat
 * jar, under Xvfb, starts the listener it was given and ends with status 0 on SIGTERM.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GuiIT {

    @Test
    void fatJarOpensTheWindowStartsTheGivenListenerAndExitsZeroOnSigterm(@TempDir Path config) throws Exception {
        // A scratch settings folder: the test must not read or write the user's settings.
        try (ServeProcess p = ServeProcess.startGui(Map.of("XDG_CONFIG_HOME", config.toString()), "echo=tcp:0")) {
            // The window's first start is slow on a loaded machine (JavaFX class loading and CSS): be patient.
            ServeProcess.Listening echo = ServeProcess.only(p.awaitListening(1, Duration.ofSeconds(120)), "echo");
            try (Socket s = new Socket()) {
                s.setSoTimeout(10_000);
                s.connect(echo.address(), 5000);
                s.getOutputStream().write('g');
                assertEquals('g', s.getInputStream().read());
            }
            p.sigtermJvm();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(30)), p.describe());
        }
        // The listener given on the command line was a one-off: the saved settings hold the first-run rows only.
        Path saved = config.resolve("netmon").resolve("settings.properties");
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(saved), "settings saved on SIGTERM");
        String text = java.nio.file.Files.readString(saved);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("listeners.count=3"), text);
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("tcp\\:0"), text);
    }

    @Test
    void theWindowsJvmKeepsTheToolkitsCodeOutOfC2(@TempDir Path config) throws Exception {
        try (ServeProcess p = ServeProcess.startGui(Map.of("XDG_CONFIG_HOME", config.toString()), "echo=tcp:0")) {
            p.awaitListening(1, Duration.ofSeconds(120));
            // The directive is added off the start-up path: ask the JVM for its directives until it is there.
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            String directives = "";
            for (int i = 0; i < 40 && !directives.contains("javafx/*.*"); i++) {
                Process q = new ProcessBuilder(jcmd, Long.toString(p.jvm().pid()), "Compiler.directives_print")
                        .redirectErrorStream(true).start();
                directives = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(q.waitFor(30, TimeUnit.SECONDS), "jcmd finished");
                if (!directives.contains("javafx/*.*")) Thread.sleep(250);
            }
            assertTrue(directives.contains("javafx/*.*")
                    && directives.contains("com/sun/prism/*.*"), "toolkit directive in the window's JVM: " + directives);
            p.sigtermJvm();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(30)), p.describe());
        }
    }
}
