package netmon.ui.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
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
 * {@code settings.properties.broken-TIMESTAMP} (never over an earlier one) and defaults are used, with a
 * warning for the user. Whatever the file holds, what {@link #load} returns can be started from.
 */
public final class SettingsStore {
    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);
    private static final Set<String> KINDS = Set.of("echo", "chat", "udp-echo");

    /** Larger files are not settings netmon wrote: refused without reading them whole. */
    static final int MAX_FILE_BYTES = 1 << 20;
    /** More listeners than any services pane shows. */
    static final int MAX_LISTENERS = 1000;
    /** Longer endpoints are not strports descriptions a user typed. */
    static final int MAX_ENDPOINT_CHARS = 256;

    private final Path file;
    private volatile boolean keepInPlace;

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

    /**
     * Loads the settings; never throws. {@code defaults} is used when there is no usable file: then the
     * file is moved aside under a new name (never replacing an earlier one) and the warning says where.
     * Out-of-range or unreadable single values (a window size, a cap, a budget) fall back to their
     * default one by one; a file that cannot be decoded, is too large, or holds a listener that cannot
     * be one (unknown kind, missing or unprintable endpoint) is unusable as a whole.
     */
    public Loaded load(Settings defaults) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return new Loaded(defaults, null);
        try {
            return new Loaded(parse(new StringReader(readBounded(file)), defaults), null);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            why = shown(why);
            Path aside = moveAside();
            String warning = "Settings file " + file + " could not be read (" + why + "); using defaults"
                    + (aside != null ? ", the old file is kept as " + aside.getFileName()
                            : "; it could not be moved aside, so it is left in place and not overwritten") + ".";
            log.warn(warning);
            return new Loaded(defaults, warning);
        }
    }

    /**
     * A parser's message may quote the file: shown in the window, so control characters and bidi
     * overrides are made visible as {@code \\uXXXX} rather than acted on, and the length is bounded.
     */
    static String shown(String why) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < why.length() && b.length() < 200; i++) {
            char c = why.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() >= 200 ? b + "…" : b.toString();
    }

    /** The file's text, strictly UTF-8; larger than {@link #MAX_FILE_BYTES} is an error, not an allocation. */
    private static String readBounded(Path f) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(f)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text", e);
        }
    }

    /**
     * Renames the unusable file to {@code NAME.broken-MILLIS[-N]}, never over an earlier one: each bad
     * file the user had is kept. Returns the new path, or null if it could not be moved (then
     * {@link #save} refuses to overwrite it).
     */
    private Path moveAside() {
        String base = file.getFileName() + ".broken-" + System.currentTimeMillis();
        for (int n = 0; n < 100; n++) {
            Path aside = file.resolveSibling(n == 0 ? base : base + "-" + n);
            try {
                Files.move(file, aside);
                return aside;
            } catch (FileAlreadyExistsException taken) {
                // another bad file moved aside in the same millisecond: try the next name
            } catch (IOException | RuntimeException e) {
                log.warn("could not move unreadable settings {} aside: {}", file, e.toString());
                break;
            }
        }
        keepInPlace = true;
        return null;
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
            if (count < 0 || count > MAX_LISTENERS) throw new IllegalArgumentException("listeners.count out of range: " + count);
            for (int i = 0; i < count; i++) {
                String kind = p.getProperty("listeners." + i + ".kind");
                String endpoint = p.getProperty("listeners." + i + ".endpoint");
                if (kind == null || endpoint == null || !KINDS.contains(kind)) {
                    throw new IllegalArgumentException("listener " + i + " is incomplete or of unknown kind");
                }
                if (!printable(endpoint)) throw new IllegalArgumentException("listener " + i + " has an unprintable or over-long endpoint");
                int max = (int) integer(p, "listeners." + i + ".maxConnections", ListenerSpec.DEFAULT_MAX_CONNECTIONS,
                        1, ListenerSpec.MAX_MAX_CONNECTIONS);
                // Capture is on unless the file says exactly "false": a garbled value must not hide traffic.
                boolean captured = !"false".equals(p.getProperty("listeners." + i + ".captured", "true").trim());
                listeners.add(new ListenerSpec(kind, endpoint, max, captured));
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
        long budget = integer(p, "capture.budgetBytes", defaults.captureBudget(), Settings.MIN_CAPTURE_BUDGET, Settings.MAX_CAPTURE_BUDGET);
        return new Settings(List.copyOf(listeners), width, height, x, y, max, divider, theme, budget);
    }

    /** An endpoint a text field can show: bounded, no control characters. */
    private static boolean printable(String endpoint) {
        if (endpoint.length() > MAX_ENDPOINT_CHARS) return false;
        for (int i = 0; i < endpoint.length(); i++) {
            if (Character.isISOControl(endpoint.charAt(i))) return false;
        }
        return true;
    }

    /** A whole number in [min, max]; missing, unparseable or out of range gives {@code dflt} (logged). */
    private static long integer(Properties p, String key, long dflt, long min, long max) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) return dflt;
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            log.info("settings: {} is not a whole number; using {}", key, dflt);
            return dflt;
        }
        if (n < min || n > max) {
            log.info("settings: {}={} is out of range [{}, {}]; using {}", key, n, min, max, dflt);
            return dflt;
        }
        return n;
    }

    /** A value in [min, max]; missing, unparseable, NaN or out of range gives {@code dflt} (logged). */
    private static double number(Properties p, String key, double dflt, double min, double max) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank() || v.trim().equals("NaN")) return dflt;
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            log.info("settings: {} is not a number; using {}", key, dflt);
            return dflt;
        }
        if (Double.isNaN(d) || d < min || d > max) {
            log.info("settings: {}={} is out of range [{}, {}]; using {}", key, d, min, max, dflt);
            return dflt;
        }
        return d;
    }

    /** Writes {@code s} atomically (temp file, fsync, rename). Throws on failure; the old file is then untouched. */
    public void save(Settings s) throws IOException {
        if (keepInPlace) throw new IOException(file + " holds unreadable settings that could not be moved aside; not overwriting it");
        Properties p = new Properties();
        p.setProperty("version", "1");
        p.setProperty("listeners.count", Integer.toString(s.listeners().size()));
        for (int i = 0; i < s.listeners().size(); i++) {
            p.setProperty("listeners." + i + ".kind", s.listeners().get(i).kind());
            p.setProperty("listeners." + i + ".endpoint", s.listeners().get(i).endpoint());
            p.setProperty("listeners." + i + ".maxConnections", Integer.toString(s.listeners().get(i).maxConnections()));
            p.setProperty("listeners." + i + ".captured", Boolean.toString(s.listeners().get(i).captured()));
        }
        p.setProperty("window.width", Double.toString(s.width()));
        p.setProperty("window.height", Double.toString(s.height()));
        p.setProperty("window.x", Double.toString(s.x()));
        p.setProperty("window.y", Double.toString(s.y()));
        p.setProperty("window.maximized", Boolean.toString(s.maximized()));
        p.setProperty("layout.divider", Double.toString(s.divider()));
        p.setProperty("theme", s.theme());
        p.setProperty("capture.budgetBytes", Long.toString(s.captureBudget()));
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
