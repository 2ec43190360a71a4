package netmon.ui.settings;

import java.util.List;

/**
 * What netmon remembers between runs.
 *
 * @param listeners     the services pane's rows the user configured (not those started from the command line)
 * @param width         window width
 * @param height        window height
 * @param x             window x, or NaN to centre
 * @param y             window y, or NaN to centre
 * @param maximized     whether the window was maximised
 * @param divider       the split between the services pane and the connections table (0..1)
 * @param theme         {@code light} or {@code dark}
 * @param captureBudget bytes of traffic the inspectors keep per connection (or UDP flow) before dropping the oldest
 */
public record Settings(List<ListenerSpec> listeners, double width, double height, double x, double y, boolean maximized,
                       double divider, String theme, long captureBudget) {
    /** The capture budget per connection on a first run: 1 MiB. */
    public static final long DEFAULT_CAPTURE_BUDGET = 1L << 20;
    /** The smallest budget accepted: enough for a few chunks. */
    public static final long MIN_CAPTURE_BUDGET = 1L << 10;
    /** The largest budget accepted: the capture keeps one int-indexed ring per stream. */
    public static final long MAX_CAPTURE_BUDGET = 1L << 30;

    /** Settings with the default capture budget. */
    public Settings(List<ListenerSpec> listeners, double width, double height, double x, double y, boolean maximized,
                    double divider, String theme) {
        this(listeners, width, height, x, y, maximized, divider, theme, DEFAULT_CAPTURE_BUDGET);
    }

    /** Sizes and theme for a first run, with {@code listeners}. */
    public static Settings defaults(List<ListenerSpec> listeners) {
        return new Settings(List.copyOf(listeners), 1280, 800, Double.NaN, Double.NaN, false, 0.32, "light", DEFAULT_CAPTURE_BUDGET);
    }

    public Settings withListeners(List<ListenerSpec> l) { return new Settings(List.copyOf(l), width, height, x, y, maximized, divider, theme, captureBudget); }
    public Settings withWindow(double w, double h, double nx, double ny, boolean max) { return new Settings(listeners, w, h, nx, ny, max, divider, theme, captureBudget); }
    public Settings withDivider(double d) { return new Settings(listeners, width, height, x, y, maximized, d, theme, captureBudget); }
    public Settings withTheme(String t) { return new Settings(listeners, width, height, x, y, maximized, divider, t, captureBudget); }
    public Settings withCaptureBudget(long b) { return new Settings(listeners, width, height, x, y, maximized, divider, theme, b); }
}
