package netmon.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormatsTest {
    /** The formats as they were written with String.format, kept here as the reference the fast ones must match. */
    private static String bytesByFormat(double n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (n >= 1024 && u < units.length - 1) {
            n /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", n) : String.format(Locale.ROOT, "%.1f %s", n, units[u]);
    }

    private static String compactByFormat(double n) {
        String[] units = {"", "K", "M", "G", "T"};
        int u = 0;
        while (n >= 1024 && u < units.length - 1) {
            n /= 1024;
            u++;
        }
        if (u == 0) return String.format(Locale.ROOT, "%.0f", n);
        return n < 10 ? String.format(Locale.ROOT, "%.1f%s", n, units[u]) : String.format(Locale.ROOT, "%.0f%s", n, units[u]);
    }

    private static String ageByFormat(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    @Test
    void byteCountsReadAsBefore() {
        assertEquals("0 B", Formats.bytes(0));
        assertEquals("1023 B", Formats.bytes(1023));
        assertEquals("1.0 KiB", Formats.bytes(1024));
        assertEquals("1.5 KiB", Formats.bytes(1536));
        assertEquals("20.0 MiB", Formats.bytes(20 * 1048576.0));
        assertEquals("1024.0 TiB", Formats.bytes(Math.pow(1024, 5)));
        Random rnd = new Random(4);
        for (int i = 0; i < 200_000; i++) {
            // Byte counts are whole numbers of any size: random magnitudes, then every count near the unit steps.
            long n = i < 100_000 ? rnd.nextLong() >>> rnd.nextInt(64) : (i - 100_000) * 37L;
            assertEquals(bytesByFormat(n), Formats.bytes(n), "bytes " + n);
            assertEquals(compactByFormat(n), Formats.compact(n), "compact " + n);
        }
    }

    @Test
    void ratesAndCompactFiguresReadAsBefore() {
        assertEquals("", Formats.rate(0.4));
        assertEquals("1 B/s", Formats.rate(0.5));
        assertEquals("1.5 KiB/s", Formats.rate(1536));
        assertEquals("512", Formats.compact(512));
        assertEquals("1.5K", Formats.compact(1536));
        assertEquals("20M", Formats.compact(20 * 1048576.0));
        for (int k = 0; k < 4096; k++) {
            double half = k / 2.0;
            assertEquals(compactByFormat(half), Formats.compact(half), "compact " + half);
            assertEquals(bytesByFormat(half), Formats.bytes(half), "bytes " + half);
        }
        assertEquals(String.format(Locale.ROOT, "%.0f B", Double.NaN), Formats.bytes(Double.NaN));
    }

    @Test
    void agesReadAsBefore() {
        assertEquals("0s", Formats.age(-5));
        assertEquals("3m 04s", Formats.age(184_000));
        assertEquals("2h 05m", Formats.age((2 * 3600 + 5 * 60 + 59) * 1000L));
        for (long s = 0; s < 200_000; s += 7) assertEquals(ageByFormat(s * 1000 + 999), Formats.age(s * 1000 + 999), "age " + s);
    }
}
