package netmon.ui.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Settings} as a properties file, by default
 * {@code ~/.config/netmon/settings.properties} (or {@code $XDG_CONFIG_HOME/netmon}). Writes are atomic:
 * a temp file beside it, fsync, rename. A file that cannot be read or parsed is moved aside to
 * {@code settings.properties.broken-TIMESTAMP} and defaults are used, with a warning for the user.
 */
public final class SettingsStore {
    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);
    private static final Set<String> KINDS = Set.of("echo", "chat", "udp-echo");

    private final Path file;

    /** A store at {@code file}. */
    public SettingsStore(Path file) { this.file = file; }

    /** The default location. */
    public static SettingsStore atDefaultLocation() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new SettingsStore(base.resolve("netmon").resolve("settings.properties"));
    }

    public Path file() { return file; }

    /**
     * What {@link #load} found.
     *
     * @param settings the settings to use
     * @param warning  a message for the user if the file was unusable, else null
     */
    public record Loaded(Settings settings, String warning) {}

    /** Loads the settings; never throws. {@code defaults} is used when there is no usable file. */
    public Loaded load(Settings defaults) {
        if (!Files.exists(file)) return new Loaded(defaults, null);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Loaded(parse(new StringReader(text), defaults), null);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".broken-" + System.currentTimeMillis());
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                log.warn("could not move unreadable settings {} aside: {}", file, moveFailed.toString());
                aside = null;
            }
            String warning = "Settings file " + file + " could not be read (" + why + "); using defaults"
                    + (aside != null ? ", the old file is kept as " + aside.getFileName() : "") + ".";
            log.warn(warning);
            return new Loaded(defaults, warning);
        }
    }

    static Settings parse(Reader in, Settings defaults) throws IOException {
        Properties p = new Properties();
        p.load(in);
        int version = Integer.parseInt(p.getProperty("version", "1").trim());
        if (version != 1) throw new IllegalArgumentException("unknown settings version " + version);
        List<ListenerSpec> listeners = new ArrayList<>();
        String countText = p.getProperty("listeners.count");
        if (countText == null) {
            listeners.addAll(defaults.listeners());
        } else {
            int count = Integer.parseInt(countText.trim());
            if (count < 0 || count > 1000) throw new IllegalArgumentException("listeners.count out of range: " + count);
            for (int i = 0; i < count; i++) {
                String kind = p.getProperty("listeners." + i + ".kind");
                String endpoint = p.getProperty("listeners." + i + ".endpoint");
                if (kind == null || endpoint == null || !KINDS.contains(kind)) {
                    throw new IllegalArgumentException("listener " + i + " is incomplete or of unknown kind");
                }
                listeners.add(new ListenerSpec(kind, endpoint));
            }
        }
        double width = number(p, "window.width", defaults.width(), 320, 20000);
        double height = number(p, "window.height", defaults.height(), 240, 20000);
        double x = number(p, "window.x", Double.NaN, -100000, 100000);
        double y = number(p, "window.y", Double.NaN, -100000, 100000);
        boolean max = Boolean.parseBoolean(p.getProperty("window.maximized", "false").trim());
        double divider = number(p, "layout.divider", defaults.divider(), 0.05, 0.95);
        String theme = p.getProperty("theme", defaults.theme()).trim().toLowerCase(Locale.ROOT);
        if (!theme.equals("light") && !theme.equals("dark")) theme = defaults.theme();
        return new Settings(List.copyOf(listeners), width, height, x, y, max, divider, theme);
    }

    private static double number(Properties p, String key, double dflt, double min, double max) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank() || v.trim().equals("NaN")) return dflt;
        double d = Double.parseDouble(v.trim());
        if (Double.isNaN(d) || d < min || d > max) return dflt;
        return d;
    }

    /** Writes {@code s} atomically (temp file, fsync, rename). Throws on failure; the old file is then untouched. */
    public void save(Settings s) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", "1");
        p.setProperty("listeners.count", Integer.toString(s.listeners().size()));
        for (int i = 0; i < s.listeners().size(); i++) {
            p.setProperty("listeners." + i + ".kind", s.listeners().get(i).kind());
            p.setProperty("listeners." + i + ".endpoint", s.listeners().get(i).endpoint());
        }
        p.setProperty("window.width", Double.toString(s.width()));
        p.setProperty("window.height", Double.toString(s.height()));
        p.setProperty("window.x", Double.toString(s.x()));
        p.setProperty("window.y", Double.toString(s.y()));
        p.setProperty("window.maximized", Boolean.toString(s.maximized()));
        p.setProperty("layout.divider", Double.toString(s.divider()));
        p.setProperty("theme", s.theme());
        StringWriter w = new StringWriter();
        p.store(w, "netmon settings");
        byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);

        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void fsyncDirectory(Path dir) {
        // Makes the rename itself durable; not possible on every platform, and harmless to skip there.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a directory as a channel.
        }
    }
}
