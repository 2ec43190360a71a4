package netmon.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir Path dir;
    final Settings defaults = Settings.defaults(List.of(new ListenerSpec("echo", "tcp:7000")));

    @Test
    void savedSettingsLoadBackTheSame() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("netmon/settings.properties"));
        Settings s = new Settings(List.of(new ListenerSpec("chat", "tcp:7101"), new ListenerSpec("udp-echo", "udp:0:interface=127.0.0.1")),
                1920, 1080, 10, 20, true, 0.4, "dark");
        store.save(s);
        SettingsStore.Loaded loaded = store.load(defaults);
        assertNull(loaded.warning());
        assertEquals(s, loaded.settings());
    }

    @Test
    void noFileMeansDefaultsWithoutWarning() {
        SettingsStore.Loaded loaded = new SettingsStore(dir.resolve("none.properties")).load(defaults);
        assertEquals(defaults, loaded.settings());
        assertNull(loaded.warning());
    }

    @Test
    void anUnreadableFileIsKeptAsideAndDefaultsAreUsedWithAWarning() throws Exception {
        Path f = dir.resolve("settings.properties");
        Files.writeString(f, "version=1\nlisteners.count=2\nlisteners.0.kind=telnet\n");
        SettingsStore.Loaded loaded = new SettingsStore(f).load(defaults);
        assertEquals(defaults, loaded.settings());
        assertNotNull(loaded.warning());
        assertTrue(loaded.warning().contains("using defaults"), loaded.warning());
        assertTrue(!Files.exists(f), "moved aside");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("settings.properties.broken-")).count());
        }
    }

    @Test
    void outOfRangeWindowSizeFallsBackToDefaultsForThatValueOnly() throws Exception {
        Path f = dir.resolve("s.properties");
        Files.writeString(f, "version=1\nwindow.width=5\nwindow.height=900\ntheme=dark\n");
        Settings s = new SettingsStore(f).load(defaults).settings();
        assertEquals(1280, s.width());
        assertEquals(900, s.height());
        assertEquals("dark", s.theme());
        assertEquals(defaults.listeners(), s.listeners());
    }

    @Test
    void saveLeavesNoTemporaryFilesBehindAndReplacesTheOldFile() throws Exception {
        Path f = dir.resolve("settings.properties");
        SettingsStore store = new SettingsStore(f);
        store.save(defaults);
        store.save(defaults.withTheme("dark"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
        assertEquals("dark", store.load(defaults).settings().theme());
    }

    @Test
    void limitsAndTheCaptureBudgetLoadBackTheSame() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.properties"));
        Settings s = Settings.defaults(List.of(new ListenerSpec("echo", "tcp:7000", 2, true),
                new ListenerSpec("udp-echo", "udp:7002", ListenerSpec.DEFAULT_MAX_CONNECTIONS, false))).withCaptureBudget(256 << 10);
        store.save(s);
        assertEquals(s, store.load(defaults).settings());
    }

    @Test
    void aFileWithoutLimitsGetsTheDefaultCapCaptureAndBudget() throws Exception {
        Path f = dir.resolve("s.properties");
        Files.writeString(f, "version=1\nlisteners.count=1\nlisteners.0.kind=chat\nlisteners.0.endpoint=tcp:7001\n");
        Settings s = new SettingsStore(f).load(defaults).settings();
        assertEquals(List.of(new ListenerSpec("chat", "tcp:7001", 10_000, true)), s.listeners());
        assertEquals(1L << 20, s.captureBudget());
    }

    @Test
    void aCapOrBudgetOutOfRangeOrNotANumberFallsBackToItsDefaultAndAGarbledCaptureFlagMeansOn() throws Exception {
        Path f = dir.resolve("s.properties");
        Files.writeString(f, """
                version=1
                listeners.count=3
                listeners.0.kind=echo
                listeners.0.endpoint=tcp:1
                listeners.0.maxConnections=-5
                listeners.0.captured=no
                listeners.1.kind=echo
                listeners.1.endpoint=tcp:2
                listeners.1.maxConnections=99999999999999999999
                listeners.2.kind=echo
                listeners.2.endpoint=tcp:3
                listeners.2.maxConnections=2.5
                listeners.2.captured=false
                capture.budgetBytes=-1048576
                """);
        SettingsStore.Loaded loaded = new SettingsStore(f).load(defaults);
        assertNull(loaded.warning());
        assertEquals(List.of(new ListenerSpec("echo", "tcp:1", 10_000, true), new ListenerSpec("echo", "tcp:2", 10_000, true),
                new ListenerSpec("echo", "tcp:3", 10_000, false)), loaded.settings().listeners());
        assertEquals(Settings.DEFAULT_CAPTURE_BUDGET, loaded.settings().captureBudget());
    }

    @Test
    void everyUnusableFileIsKeptAsideUnderItsOwnNameNeverReplacingAnEarlierOne() throws Exception {
        Path f = dir.resolve("settings.properties");
        SettingsStore store = new SettingsStore(f);
        for (int i = 0; i < 3; i++) {
            Files.writeString(f, "version=1\nlisteners.count=1\nlisteners.0.kind=telnet" + i + "\n");
            assertNotNull(store.load(defaults).warning());
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> kept = files.map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
            assertEquals(3, kept.size(), "three bad files, three kept (loads in the same millisecond included)");
            for (int i = 0; i < 3; i++) assertTrue(kept.get(i).contains("telnet" + i), kept.toString());
        }
    }

    @Test
    void anOversizedFileIsRefusedWithoutReadingItWholeAndKeptAside() throws Exception {
        Path f = dir.resolve("settings.properties");
        byte[] big = new byte[SettingsStore.MAX_FILE_BYTES + 10];
        java.util.Arrays.fill(big, (byte) '#');
        Files.write(f, big);
        SettingsStore.Loaded loaded = new SettingsStore(f).load(defaults);
        assertEquals(defaults, loaded.settings());
        assertTrue(loaded.warning().contains("larger than 1048576 bytes"), loaded.warning());
        assertTrue(!Files.exists(f));
    }

    @Test
    void aNonUtf8FileIsUnusableAndKeptAsideByteForByte() throws Exception {
        Path f = dir.resolve("settings.properties");
        byte[] latin1 = "version=1\ntheme=d\u00e9rk\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(f, latin1);
        SettingsStore.Loaded loaded = new SettingsStore(f).load(defaults);
        assertTrue(loaded.warning().contains("not UTF-8 text"), loaded.warning());
        try (Stream<Path> files = Files.list(dir)) {
            Path kept = files.findFirst().orElseThrow();
            assertTrue(java.util.Arrays.equals(latin1, Files.readAllBytes(kept)));
        }
    }

    @Test
    void theWarningShowsControlCharactersAndBidiOverridesFromTheFileAsEscapes() {
        assertEquals("For input string: \"\\u001b[31mx\\u202e\"", SettingsStore.shown("For input string: \"\u001b[31mx\u202e\""));
        assertEquals(201, SettingsStore.shown("x".repeat(500)).length());
    }
}
