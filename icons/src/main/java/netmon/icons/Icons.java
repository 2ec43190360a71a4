package netmon.icons;

import java.net.URL;
import java.util.List;

/**
 * Where netmon's icons live on the classpath. The icons module holds resources only, so this class
 * names paths and never loads an image: the UI turns them into {@code javafx.scene.image.Image}s,
 * e.g. every entry of {@link #appIconResources()} into {@code Stage.getIcons()} so the window manager
 * picks the size it needs.
 */
public final class Icons {
    /** The folder, on the classpath, that holds every PNG of the set. */
    public static final String FOLDER = "/netmon/icons/";

    /** The sizes, in pixels, at which the application icon is rendered (square). */
    public static final List<Integer> APP_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

    /** The sizes, in pixels, at which the small service, state and action icons are rendered. */
    public static final List<Integer> SMALL_SIZES = List.of(16, 24);

    /**
     * The small icons, by name: one per built-in service ({@code service-echo}, {@code service-chat},
     * {@code service-udp-echo}), per listener state ({@code state-listening}, {@code state-stopped},
     * {@code state-failed}) and per switch action ({@code action-start}, {@code action-stop}).
     */
    public static final List<String> SMALL_ICON_NAMES = List.of(
            "service-echo", "service-chat", "service-udp-echo",
            "state-listening", "state-stopped", "state-failed",
            "action-start", "action-stop");

    private Icons() {}

    /** The application icon at every size, smallest first, as absolute classpath paths. */
    public static List<String> appIconResources() {
        return APP_SIZES.stream().map(size -> FOLDER + "app-" + size + ".png").toList();
    }

    /**
     * The classpath path of a small icon, e.g. {@code smallIconResource("service-echo", 16)}.
     *
     * @throws IllegalArgumentException if the name is not in {@link #SMALL_ICON_NAMES} or the size not
     *         in {@link #SMALL_SIZES}
     */
    public static String smallIconResource(String name, int size) {
        if (!SMALL_ICON_NAMES.contains(name)) {
            throw new IllegalArgumentException("no small icon named " + name + "; known: " + SMALL_ICON_NAMES);
        }
        if (!SMALL_SIZES.contains(size)) {
            throw new IllegalArgumentException("small icons come at " + SMALL_SIZES + " px, not " + size);
        }
        return FOLDER + name + "-" + size + ".png";
    }

    /**
     * The URL of an icon: {@code name} is either a file of the set ({@code "app-32.png"}) or an
     * absolute classpath path as returned by this class ({@code "/netmon/icons/app-32.png"}).
     *
     * @throws IllegalArgumentException if no such icon is on the classpath, so a typo fails loudly
     *         instead of leaving a window without its icon
     */
    public static URL resource(String name) {
        String path = name.startsWith("/") ? name : FOLDER + name;
        URL url = Icons.class.getResource(path);
        if (url == null) {
            throw new IllegalArgumentException("icon not found on the classpath: " + path);
        }
        return url;
    }
}
