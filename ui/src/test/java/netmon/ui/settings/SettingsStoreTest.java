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
}
