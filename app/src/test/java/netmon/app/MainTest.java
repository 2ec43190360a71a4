package netmon.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void helpPrintsUsageOnStdoutAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("usage: java -jar netmon.jar"), out());
        assertTrue(out().contains("serve NAME=ENDPOINT"));
        assertEquals("", err());
    }

    @Test
    void usageErrorIsOneErrorLineOnStderrAndExitTwo() {
        assertEquals(2, run("serve", "nope=tcp:0"));
        assertEquals("", out());
        String[] lines = err().split("\\R");
        assertEquals(1, lines.length, err());
        assertTrue(lines[0].startsWith("error: unknown service 'nope'"), lines[0]);
    }

    @Test
    void serveWithNoListenersExitsTwoBeforeAnythingStarts() {
        assertEquals(2, run("serve"));
        assertEquals("", out());
        assertTrue(err().startsWith("error: serve needs at least one NAME=ENDPOINT"), err());
    }

    @Test
    void theServeModePropertyPutsServeInFrontOfListenerArguments() {
        assertArrayEquals(new String[] {"serve", "echo=tcp:0"}, Main.withDefaultMode(new String[] {"echo=tcp:0"}, "serve"));
        assertArrayEquals(new String[] {"serve"}, Main.withDefaultMode(new String[0], "serve"));
    }

    @Test
    void theServeModePropertyLeavesAnExplicitModeOrOptionAlone() {
        assertArrayEquals(new String[] {"serve", "echo=tcp:0"}, Main.withDefaultMode(new String[] {"serve", "echo=tcp:0"}, "serve"));
        assertArrayEquals(new String[] {"--help"}, Main.withDefaultMode(new String[] {"--help"}, "serve"));
        assertArrayEquals(new String[] {"echo=tcp:0"}, Main.withDefaultMode(new String[] {"echo=tcp:0"}, null));
        assertArrayEquals(new String[] {"echo=tcp:0"}, Main.withDefaultMode(new String[] {"echo=tcp:0"}, "gui"));
    }
}
