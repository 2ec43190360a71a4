package netmon.ui.bridge;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import netmon.ui.model.ConnectionRow;
import netmon.ui.model.Dashboard;

/**
 * The bridge benchmark's record of what each FX pulse did, to find out why the worst pulses are the worst:
 * per pulse its phases (animation timers with the window's drain, then CSS and layout), the FX thread's CPU
 * over them, whether it drained, published the clock or the counters, re-sorted, changed the row set or
 * the status bar's per-second figures, and how much of it a GC pause overlapped. FX thread, except the GC
 * notifications (their own thread, under the lock).
 */
final class PulseLog {
    static final int DRAIN = 1, CLOCK = 2, COUNTERS = 4, SORT = 8, STATUS = 16;

    private final long[] start, pre, post, cpu0, cpuPre, cpu1, drainNs;
    private final int[] flags, added, removed;
    private int n;
    private long lastDrainNanos;
    private final List<long[]> gcPauses = new ArrayList<>();
    private final List<String> gcNames = new ArrayList<>();
    /** nanoTime minus the JVM's uptime, to place GC pauses (uptime ms) on the pulses' clock. */
    private final long uptimeToNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

    PulseLog(int capacity) {
        start = new long[capacity];
        pre = new long[capacity];
        post = new long[capacity];
        cpu0 = new long[capacity];
        cpuPre = new long[capacity];
        cpu1 = new long[capacity];
        drainNs = new long[capacity];
        flags = new int[capacity];
        added = new int[capacity];
        removed = new int[capacity];
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter e)) continue;
            e.addNotificationListener((note, hb) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(note.getType())) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) note.getUserData());
                // Concurrent cycles do not stop the FX thread; only the pauses are placed on the pulses.
                if (info.getGcName().contains("Concurrent") || info.getGcAction().contains("concurrent")) return;
                long s = uptimeToNanos + info.getGcInfo().getStartTime() * 1_000_000L;
                long end = uptimeToNanos + info.getGcInfo().getEndTime() * 1_000_000L;
                synchronized (gcPauses) {
                    gcPauses.add(new long[] {s, Math.max(end, s + 1_000_000L)});
                    gcNames.add(info.getGcName() + " (" + info.getGcCause() + ")");
                }
            }, null, null);
        }
    }

    /** Listens to what a pulse may change. FX thread. */
    void watch(Dashboard d) {
        var vm = d.connections();
        // Change listeners: an invalidation listener fires once until somebody reads the value again.
        vm.clockProperty().addListener((o, a, b) -> flag(CLOCK));
        vm.countersProperty().addListener((o, a, b) -> flag(COUNTERS));
        d.status().eventsPerSecondProperty().addListener((o, a, b) -> flag(STATUS));
        vm.rows().addListener((ListChangeListener<ConnectionRow>) c -> {
            while (c.next()) {
                if (n == 0 || n > start.length) continue;
                added[n - 1] += c.getAddedSize();
                removed[n - 1] += c.getRemovedSize();
            }
        });
        vm.visibleRows().addListener((ListChangeListener<ConnectionRow>) c -> {
            while (c.next()) if (c.wasPermutated()) flag(SORT);
        });
    }

    private void flag(int f) {
        if (n > 0 && n <= start.length) flags[n - 1] |= f;
    }

    /** A pulse starts (its first animation timer). */
    void begin(long now, long cpu) {
        if (n >= start.length) return;
        start[n] = now;
        cpu0[n] = cpu;
        drainNs[n] = -1;
        n++;
    }

    /** The timers ran (the window drained or not), CSS and layout follow. */
    void preLayout(long now, long cpu, long lastDrain) {
        if (n == 0 || n > start.length || pre[n - 1] != 0) return;
        pre[n - 1] = now;
        cpuPre[n - 1] = cpu;
        if (lastDrain != lastDrainNanos) {
            lastDrainNanos = lastDrain;
            drainNs[n - 1] = lastDrain;
            flags[n - 1] |= DRAIN;
        }
    }

    /** CSS and layout are done: the pulse's own work ends here (rendering follows). */
    void postLayout(long now, long cpu) {
        if (n == 0 || n > start.length || post[n - 1] != 0) return;
        post[n - 1] = now;
        cpu1[n - 1] = cpu;
    }

    private long gcOverlap(int i) {
        long s = start[i], e = post[i], sum = 0;
        synchronized (gcPauses) {
            for (long[] p : gcPauses) sum += Math.max(0, Math.min(e, p[1]) - Math.max(s, p[0]));
        }
        return sum;
    }

    private String flagText(int i) {
        int f = flags[i];
        StringBuilder b = new StringBuilder();
        if ((f & DRAIN) != 0) b.append("drain ");
        if ((f & COUNTERS) != 0) b.append("COUNTERS ");
        if ((f & CLOCK) != 0) b.append("CLOCK ");
        if ((f & SORT) != 0) b.append("sort ");
        if ((f & STATUS) != 0) b.append("status ");
        if (added[i] + removed[i] > 0) b.append("rows +").append(added[i]).append("/-").append(removed[i]);
        return b.toString().trim();
    }

    /** Prints the top 2% of pulses by work (p99 marked) and the work of pulses grouped by what they did. */
    void report(PrintStream out) {
        Integer[] idx = new Integer[n];
        int m = 0;
        for (int i = 0; i < n; i++) if (pre[i] != 0 && post[i] != 0) idx[m++] = i;
        Integer[] done = Arrays.copyOf(idx, m);
        Arrays.sort(done, (a, b) -> Long.compare(work(b), work(a)));
        int p99Rank = (int) Math.ceil(0.01 * m);
        int show = Math.max(10, (int) Math.ceil(0.02 * m));
        out.printf(Locale.ROOT, "pulse log: %d pulses; p99 = rank %d; top %d by work (wall from pulse start to end of layout)%n", m, p99Rank, show);
        out.printf(Locale.ROOT, "%4s %7s %7s %7s %7s %7s %7s %7s %7s %6s  %s%n", "rank", "t s", "work", "timers", "drain", "css+lay", "cpu", "cpu t", "gc", "gap", "what");
        long t0 = n > 0 ? start[0] : 0;
        for (int k = 0; k < Math.min(show, m); k++) {
            int i = done[k];
            out.printf(Locale.ROOT, "%4d %7.3f %7.1f %7.1f %7s %7.1f %7.1f %7.1f %7.1f %6.1f  %s%s%n", k + 1, (start[i] - t0) / 1e9, work(i) / 1e6,
                    (pre[i] - start[i]) / 1e6, drainNs[i] < 0 ? "-" : String.format(Locale.ROOT, "%.1f", drainNs[i] / 1e6),
                    (post[i] - pre[i]) / 1e6, (cpu1[i] - cpu0[i]) / 1e6, (cpuPre[i] - cpu0[i]) / 1e6, gcOverlap(i) / 1e6,
                    i > 0 ? (start[i] - start[i - 1]) / 1e6 : 0, flagText(i), k + 1 == p99Rank ? "   <- p99" : "");
        }
        group(out, done, "all", i -> true);
        group(out, done, "no drain", i -> (flags[i] & DRAIN) == 0);
        group(out, done, "drain only", i -> flags[i] == DRAIN && added[i] + removed[i] == 0);
        group(out, done, "counters", i -> (flags[i] & COUNTERS) != 0);
        group(out, done, "clock tick", i -> (flags[i] & CLOCK) != 0);
        group(out, done, "rows added/removed", i -> added[i] + removed[i] > 0);
        group(out, done, "status figures", i -> (flags[i] & STATUS) != 0);
        group(out, done, "GC pause overlapping", i -> gcOverlap(i) > 0);
        synchronized (gcPauses) {
            long total = 0, max = 0;
            for (long[] p : gcPauses) {
                total += p[1] - p[0];
                max = Math.max(max, p[1] - p[0]);
            }
            out.printf(Locale.ROOT, "GC pauses since start: %d, %.0f ms in all, max %.1f ms; %s%n", gcPauses.size(), total / 1e6, max / 1e6,
                    gcNames.stream().distinct().limit(4).toList());
        }
    }

    private long work(int i) { return post[i] - start[i]; }

    /**
     * Writes every pulse as a line (epoch ms of its start and of the end of its layout, work, CPU, what it did) to
     * {@code file}, to match against a profiler's samples by time.
     */
    void dump(java.nio.file.Path file) throws java.io.IOException {
        long nanosToEpoch = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (pre[i] == 0 || post[i] == 0) continue;
            b.append(String.format(Locale.ROOT, "%.3f\t%.3f\t%.2f\t%.2f\t%s%n", (start[i] + nanosToEpoch) / 1e6, (post[i] + nanosToEpoch) / 1e6,
                    work(i) / 1e6, (cpu1[i] - cpu0[i]) / 1e6, flagText(i)));
        }
        java.nio.file.Files.writeString(file, b);
    }

    private void group(PrintStream out, Integer[] done, String name, java.util.function.IntPredicate p) {
        long[] w = Arrays.stream(done).filter(p::test).mapToLong(this::work).sorted().toArray();
        long[] c = Arrays.stream(done).filter(p::test).mapToLong(i -> cpu1[i] - cpu0[i]).sorted().toArray();
        if (w.length == 0) {
            out.printf(Locale.ROOT, "  %-22s    0 pulses%n", name);
            return;
        }
        out.printf(Locale.ROOT, "  %-22s %4d pulses; work p50 %5.1f p90 %5.1f max %6.1f ms; cpu p50 %5.1f max %6.1f ms%n", name, w.length,
                w[w.length / 2] / 1e6, w[(int) (w.length * 0.9)] / 1e6, w[w.length - 1] / 1e6, c[c.length / 2] / 1e6, c[c.length - 1] / 1e6);
    }
}
