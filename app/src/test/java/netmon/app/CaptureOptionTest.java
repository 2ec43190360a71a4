package netmon.app;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code serve --capture FILE [--capture-budget N]} on the command line. */
class CaptureOptionTest {

    @Test
    void captureBeforeOrAmongTheListenersIsTakenOutOfThem() throws Exception {
        CommandLine a = CommandLine.parse(new String[] {"serve", "--capture", "/tmp/x.pcapng", "echo=tcp:0"});
        assertEquals(CommandLine.Mode.SERVE, a.mode());
        assertEquals(List.of(new ListenerSpec("echo", "tcp:0")), a.listeners());
        assertEquals(Path.of("/tmp/x.pcapng"), a.capture().file());
        assertEquals(CaptureOption.DEFAULT_BUDGET, a.capture().byteBudget());
        CommandLine b = CommandLine.parse(new String[] {"serve", "echo=tcp:0", "--capture=c.pcapng",
                "--capture-budget", "2m", "udp-echo=udp:0"});
        assertEquals(2, b.listeners().size());
        assertEquals(Path.of("c.pcapng"), b.capture().file());
        assertEquals(2L << 20, b.capture().byteBudget());
    }

    @Test
    void withoutCaptureThereIsNone() throws Exception {
        assertNull(CommandLine.parse(new String[] {"serve", "echo=tcp:0"}).capture());
    }

    @Test
    void badCaptureOptionsAreUsageErrors() {
        assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"serve", "echo=tcp:0", "--capture"}));
        assertThrows(UsageException.class, () -> CommandLine.parse(
                new String[] {"serve", "--capture", "a", "--capture", "b", "echo=tcp:0"}));
        assertThrows(UsageException.class, () -> CommandLine.parse(
                new String[] {"serve", "--capture-budget", "1m", "echo=tcp:0"}));
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse(
                new String[] {"serve", "--capture", "a", "--capture-budget", "lots", "echo=tcp:0"}));
        assertTrue(e.getMessage().contains("lots"), e.getMessage());
        assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"serve", "--capture", "a"}));
    }

    @Test
    void aCaptureIntoAMissingDirectoryFailsBeforeAnythingListens() throws Exception {
        Serve serve = Serve.prepare(List.of(new ListenerSpec("echo", "tcp:0")), System.out, System.err);
        Serve.SetupException e = assertThrows(Serve.SetupException.class,
                () -> serve.capture(new CaptureOption(Path.of("/no/such/dir/c.pcapng"), 1024)));
        assertEquals(Serve.EXIT_LISTEN_FAILED, e.status);
        assertTrue(e.getMessage().contains("/no/such/dir"), e.getMessage());
    }
    @Test
    void theCaptureKeepsAtMostHalfTheHeapOverAllConnections(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Serve serve = Serve.prepare(List.of(new ListenerSpec("echo", "tcp:0")), System.out, System.err);
        serve.capture(new CaptureOption(dir.resolve("c.pcapng"), 1 << 20));
        assertEquals(Runtime.getRuntime().maxMemory() / 2, serve.recorder().totalBudget());
        assertEquals(1 << 20, serve.recorder().byteBudget());
        // A per-connection budget bigger than half the heap still keeps one connection's worth.
        assertEquals(3L << 30, Serve.captureTotalBudget(3L << 30, 4L << 30));
        assertEquals(2L << 30, Serve.captureTotalBudget(1 << 20, 4L << 30));
    }
}
