package netmon.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code serve --capture FILE.pcapng [--capture-budget BYTES]}: record the traffic of every listener and
 * write it as pcapng to FILE when serve stops.
 *
 * @param file       where the capture goes (written atomically on stop)
 * @param byteBudget bytes kept per connection or UDP flow, both directions together
 */
record CaptureOption(Path file, long byteBudget) {
    /**
     * The engine's default, 1 MiB per connection: with a bigger budget the copy into the capture rings stops
     * fitting in the CPU's caches and costs a busy echo a third of its throughput (measured: 16 MiB for four
     * connections), against about a tenth at 1 MiB. Whole-conversation captures ask for more.
     */
    static final long DEFAULT_BUDGET = 1L << 20;

    /** The arguments after {@code serve} without the capture options, and the option (or null). */
    record Split(List<String> rest, CaptureOption capture) {}

    /** Takes {@code --capture FILE}, {@code --capture=FILE}, {@code --capture-budget N[k|m]} out of {@code args}. */
    static Split extract(List<String> args) throws UsageException {
        List<String> rest = new ArrayList<>();
        String file = null;
        Long budget = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value;
            String name;
            if (a.equals("--capture") || a.equals("--capture-budget")) {
                if (i + 1 >= args.size()) throw new UsageException(a + " needs a value");
                name = a;
                value = args.get(++i);
            } else if (a.startsWith("--capture=") || a.startsWith("--capture-budget=")) {
                name = a.substring(0, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            } else {
                rest.add(a);
                continue;
            }
            if (name.equals("--capture")) {
                if (file != null) throw new UsageException("--capture is given twice");
                if (value.isBlank()) throw new UsageException("--capture needs a file name");
                file = value;
            } else {
                if (budget != null) throw new UsageException("--capture-budget is given twice");
                budget = parseBytes(value);
            }
        }
        if (file == null && budget != null) throw new UsageException("--capture-budget needs --capture FILE");
        CaptureOption c = file == null ? null : new CaptureOption(Path.of(file), budget != null ? budget : DEFAULT_BUDGET);
        return new Split(rest, c);
    }

    /** {@code 4096}, {@code 512k}, {@code 64m}. */
    static long parseBytes(String s) throws UsageException {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) unit = 1L << 10;
        else if (t.endsWith("m")) unit = 1L << 20;
        else if (t.endsWith("g")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(t);
            if (n < 0 || n > Long.MAX_VALUE / unit) throw new NumberFormatException();
            return n * unit;
        } catch (NumberFormatException e) {
            throw new UsageException("--capture-budget '" + s + "' is not a byte count (e.g. 1048576, 512k, 64m)");
        }
    }
}
