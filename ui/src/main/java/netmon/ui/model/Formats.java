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
        // By hand, not String.format: the table formats a hundred or so of these at once on its clock tick, and
        // Formatter (parsing the pattern, locale lookups) made up a fifth of that pulse.
        StringBuilder b = new StringBuilder(12);
        if (u == 0) return whole(b, n).append(" B").toString();
        return tenths(b, n).append(' ').append(UNITS[u]).toString();
    }

    /** Appends {@code n} rounded to a whole number, half up (as {@code %.0f}). */
    private static StringBuilder whole(StringBuilder b, double n) {
        if (!(Math.abs(n) < 1e15)) return b.append(String.format(Locale.ROOT, "%.0f", n));
        long r = Math.round(Math.abs(n));
        return (n < 0 && r != 0 ? b.append('-') : b).append(r);
    }

    /** Appends {@code n} with one decimal, half up (as {@code %.1f}). */
    private static StringBuilder tenths(StringBuilder b, double n) {
        if (!(Math.abs(n) < 1e14)) return b.append(String.format(Locale.ROOT, "%.1f", n));
        long t = Math.round(Math.abs(n) * 10);
        if (n < 0 && t != 0) b.append('-');
        return b.append(t / 10).append('.').append(t % 10);
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
        StringBuilder b = new StringBuilder(8);
        if (u == 0) return whole(b, n).toString();
        return (n < 10 ? tenths(b, n) : whole(b, n)).append(units[u]).toString();
    }

    /** {@code 42s}, {@code 3m 04s}, {@code 2h 05m}. */
    public static String age(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 60) return s + "s";
        if (s < 3600) return twoDigits(new StringBuilder(8).append(s / 60).append("m "), s % 60).append('s').toString();
        return twoDigits(new StringBuilder(8).append(s / 3600).append("h "), (s % 3600) / 60).append('m').toString();
    }

    private static StringBuilder twoDigits(StringBuilder b, long v) {
        return (v < 10 ? b.append('0') : b).append(v);
    }

    /** Wall-clock time of day, {@code HH:mm:ss}. */
    public static String clock(long epochMillis) {
        return CLOCK.format(Instant.ofEpochMilli(epochMillis));
    }
}
