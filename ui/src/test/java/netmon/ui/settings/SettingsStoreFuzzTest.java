package netmon.ui.settings;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fuzzes the settings loader with whole files, as a user's disk might hold them: whatever the bytes,
 * {@link SettingsStore#load} never throws; it returns either the file's settings (the file left as it
 * was) or the defaults with a warning (the file kept aside byte for byte under a new name, never
 * deleted); and what it returns can always be started from and saved and loaded back unchanged.
 */
class SettingsStoreFuzzTest {
    private static final Set<String> KINDS = Set.of("echo", "chat", "udp-echo");
    private static final Settings DEFAULTS = Settings.defaults(List.of(new ListenerSpec("echo", "tcp:7000"),
            new ListenerSpec("chat", "tcp:7001"), new ListenerSpec("udp-echo", "udp:7002")));

    /** A RAM disk when there is one: each execution writes, fsyncs and renames files, cheap there. */
    private static final Path SCRATCH = Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
            ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));

    @FuzzTest(maxDuration = "5m")
    void loadNeverThrowsAndGivesStartableSettingsOrDefaultsWithTheFileKeptAside(byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory(SCRATCH, "netmon-settings-fuzz");
        try {
            Path file = dir.resolve("settings.properties");
            Files.write(file, bytes);
            SettingsStore.Loaded loaded = new SettingsStore(file).load(DEFAULTS);

            if (loaded == null || loaded.settings() == null) throw new AssertionError("load returned nothing");
            assertStartable(loaded.settings());
            List<Path> aside = brokenFiles(dir);
            if (loaded.warning() == null) {
                if (!aside.isEmpty()) throw new AssertionError("a usable file was moved aside: " + aside);
                if (!Arrays.equals(bytes, Files.readAllBytes(file))) throw new AssertionError("a usable file was changed");
            } else {
                if (!loaded.settings().equals(DEFAULTS)) throw new AssertionError("warning without defaults: " + loaded.settings());
                if (Files.exists(file)) throw new AssertionError("an unusable file was left in place: " + loaded.warning());
                if (aside.size() != 1) throw new AssertionError("expected the file kept aside once, found " + aside);
                if (!Arrays.equals(bytes, Files.readAllBytes(aside.get(0)))) throw new AssertionError("the kept file differs from the original");
                if (loaded.warning().chars().anyMatch(Character::isISOControl)) throw new AssertionError("control character in the warning");
            }

            // What was loaded saves and loads back as itself: the next run starts the same.
            SettingsStore again = new SettingsStore(dir.resolve("again.properties"));
            again.save(loaded.settings());
            SettingsStore.Loaded back = again.load(DEFAULTS);
            if (back.warning() != null) throw new AssertionError("saved settings did not load back: " + back.warning());
            if (!back.settings().equals(loaded.settings())) {
                throw new AssertionError("round trip changed the settings: " + loaded.settings() + " -> " + back.settings());
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** What the window needs to start: known kinds, printable endpoints, limits and geometry in range. */
    static void assertStartable(Settings s) {
        check(s.listeners() != null && s.listeners().size() <= SettingsStore.MAX_LISTENERS, "listeners", s);
        for (ListenerSpec l : s.listeners()) {
            check(l != null && KINDS.contains(l.kind()), "kind", s);
            check(l.endpoint() != null && l.endpoint().length() <= SettingsStore.MAX_ENDPOINT_CHARS
                    && l.endpoint().chars().noneMatch(Character::isISOControl), "endpoint", s);
            check(l.maxConnections() >= 1 && l.maxConnections() <= ListenerSpec.MAX_MAX_CONNECTIONS, "maxConnections", s);
        }
        check(s.width() >= 320 && s.width() <= 20000, "width", s);
        check(s.height() >= 240 && s.height() <= 20000, "height", s);
        check(Double.isNaN(s.x()) || Math.abs(s.x()) <= 100000, "x", s);
        check(Double.isNaN(s.y()) || Math.abs(s.y()) <= 100000, "y", s);
        check(s.divider() >= 0.05 && s.divider() <= 0.95, "divider", s);
        check("light".equals(s.theme()) || "dark".equals(s.theme()), "theme", s);
        check(s.captureBudget() >= Settings.MIN_CAPTURE_BUDGET && s.captureBudget() <= Settings.MAX_CAPTURE_BUDGET, "captureBudget", s);
    }

    private static void check(boolean ok, String what, Settings s) {
        if (!ok) throw new AssertionError("not startable (" + what + "): " + s);
    }

    private static List<Path> brokenFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("settings.properties.broken-")).toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
