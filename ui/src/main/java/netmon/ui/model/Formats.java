package netmon.ui.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Short human formats for byte counts, rates and durations, as the tables show them. */
public final class Formats {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Formats() {}

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 20.0 MiB}. */
    public static String bytes(double n) {
        int u = 0;
        while (n >= 1024 && u < UNITS.length - 1) {
            n /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", n) : String.format(Locale.ROOT, "%.1f %s", n, UNITS[u]);
    }

    /** {@code 1.5 KiB/s}; an empty string for zero so idle rows stay quiet. */
    public static String rate(double bytesPerSecond) {
        return bytesPerSecond < 0.5 ? "" : bytes(bytesPerSecond) + "/s";
    }

    /** A compact count of bytes for narrow columns: {@code 512}, {@code 1.5K}, {@code 20M}, {@code 1.2G}. */
    public static String compact(double n) {
        String[] units = {"", "K", "M", "G", "T"};
        int u = 0;
        while (n >= 1024 && u < units.length - 1) {
            n /= 1024;
            u++;
        }
        if (u == 0) return String.format(Locale.ROOT, "%.0f", n);
        return n < 10 ? String.format(Locale.ROOT, "%.1f%s", n, units[u]) : String.format(Locale.ROOT, "%.0f%s", n, units[u]);
    }

    /** {@code 42s}, {@code 3m 04s}, {@code 2h 05m}. */
    public static String age(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    /** Wall-clock time of day, {@code HH:mm:ss}. */
    public static String clock(long epochMillis) {
        return CLOCK.format(Instant.ofEpochMilli(epochMillis));
    }
}
