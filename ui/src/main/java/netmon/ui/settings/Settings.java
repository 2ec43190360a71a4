package netmon.ui.settings;

import java.util.List;

/**
 * What netmon remembers between runs.
 *
 * @param listeners    the services pane's rows
 * @param width        window width
 * @param height       window height
 * @param x            window x, or NaN to centre
 * @param y            window y, or NaN to centre
 * @param maximized    whether the window was maximised
 * @param divider      the split between the services pane and the connections table (0..1)
 * @param theme        {@code light} or {@code dark}
 */
public record Settings(List<ListenerSpec> listeners, double width, double height, double x, double y, boolean maximized,
                       double divider, String theme) {

    /** Sizes and theme for a first run, with {@code listeners}. */
    public static Settings defaults(List<ListenerSpec> listeners) {
        return new Settings(List.copyOf(listeners), 1280, 800, Double.NaN, Double.NaN, false, 0.32, "light");
    }

    public Settings withListeners(List<ListenerSpec> l) { return new Settings(List.copyOf(l), width, height, x, y, maximized, divider, theme); }
    public Settings withWindow(double w, double h, double nx, double ny, boolean max) { return new Settings(listeners, w, h, nx, ny, max, divider, theme); }
    public Settings withDivider(double d) { return new Settings(listeners, width, height, x, y, maximized, d, theme); }
    public Settings withTheme(String t) { return new Settings(listeners, width, height, x, y, maximized, divider, t); }
}
