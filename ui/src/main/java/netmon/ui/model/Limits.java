package netmon.ui.model;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;

/**
 * Reads what the user types for a listener's connection cap and the capture budget, and says why it
 * cannot be used (shown under the field as typed, like the endpoint's reason). Sizes are binary:
 * {@code 64 KiB}, {@code 1 MiB}, {@code 1m}, or plain bytes.
 */
public final class Limits {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    private Limits() {}

    /** The cap typed, e.g. {@code 10000} or {@code 10,000}; empty if it is not a whole number in range. */
    public static OptionalInt parseMaxConnections(String text) {
        String t = text == null ? "" : text.strip().replace(",", "").replace("_", "").replace(" ", "");
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) return OptionalInt.empty();
        int n = Integer.parseInt(t);
        return n >= 1 && n <= ListenerSpec.MAX_MAX_CONNECTIONS ? OptionalInt.of(n) : OptionalInt.empty();
    }

    /** Null if {@code text} is a usable cap, else why not. */
    public static String validateMaxConnections(String text) {
        if (parseMaxConnections(text).isPresent()) return null;
        return String.format(Locale.ROOT, "cap must be a whole number from 1 to %,d", ListenerSpec.MAX_MAX_CONNECTIONS);
    }

    /** The budget typed in bytes, e.g. {@code 1 MiB}, {@code 512k}, {@code 65536}; empty if unusable or out of range. */
    public static OptionalLong parseBudget(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) return OptionalLong.empty();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        if (n > (Settings.MAX_CAPTURE_BUDGET >> shift)) return OptionalLong.empty();
        long bytes = n << shift;
        return bytes >= Settings.MIN_CAPTURE_BUDGET ? OptionalLong.of(bytes) : OptionalLong.empty();
    }

    /** Null if {@code text} is a usable budget, else why not. */
    public static String validateBudget(String text) {
        if (parseBudget(text).isPresent()) return null;
        return "budget must be a size from 1 KiB to 1 GiB, e.g. 1 MiB, 256 KiB or 65536";
    }

    /** A budget as the user would type it: {@code 1 MiB}, {@code 384 KiB}, or bytes when not a whole multiple. */
    public static String formatBudget(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return (bytes >> 30) + " GiB";
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " B";
    }
}
