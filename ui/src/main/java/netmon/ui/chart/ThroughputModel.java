package netmon.ui.chart;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link ThroughputMeter}'s cumulative counts into bytes-per-second samples, one per
 * {@link #INTERVAL_MILLIS}, keeping the last {@link #POINTS} (three minutes) for the total and for each
 * service. Toolkit-free; the chart calls {@link #sample(long)} every pulse and redraws when it returns true.
 */
public final class ThroughputModel {
    /** Sampling interval. */
    public static final long INTERVAL_MILLIS = 1000;
    /** Samples kept. */
    public static final int POINTS = 180;
    /** The series name for everything together. */
    public static final String ALL = "all services";

    /** One sample: rates over the interval that ended at {@code timeMillis}. */
    public record Sample(long timeMillis, double inPerSecond, double outPerSecond) {
        /** In plus out. */
        public double total() { return inPerSecond + outPerSecond; }
    }

    private final ThroughputMeter meter;
    private final Map<String, ArrayDeque<Sample>> series = new HashMap<>();
    private final Map<String, long[]> last = new HashMap<>();
    private long lastMillis = Long.MIN_VALUE;

    /** A model over {@code meter}. */
    public ThroughputModel(ThroughputMeter meter) { this.meter = meter; }

    /** Takes a sample if an interval has passed; returns true if it did. */
    public boolean sample(long nowMillis) {
        if (lastMillis == Long.MIN_VALUE) {
            lastMillis = nowMillis;
            last.put(ALL, new long[] {meter.totalIn(), meter.totalOut()});
            meter.perService().forEach((k, v) -> last.put(k, v));
            return false;
        }
        long dt = nowMillis - lastMillis;
        if (dt < INTERVAL_MILLIS) return false;
        lastMillis = nowMillis;
        record(ALL, new long[] {meter.totalIn(), meter.totalOut()}, nowMillis, dt);
        meter.perService().forEach((k, v) -> record(k, v, nowMillis, dt));
        return true;
    }

    private void record(String name, long[] now, long t, long dt) {
        long[] prev = last.getOrDefault(name, new long[2]);
        last.put(name, now);
        ArrayDeque<Sample> q = series.computeIfAbsent(name, k -> new ArrayDeque<>());
        q.addLast(new Sample(t, (now[0] - prev[0]) * 1000.0 / dt, (now[1] - prev[1]) * 1000.0 / dt));
        while (q.size() > POINTS) q.removeFirst();
    }

    /** The samples of {@code name} ({@link #ALL} or a service), oldest first. */
    public List<Sample> samples(String name) {
        ArrayDeque<Sample> q = series.get(name);
        return q == null ? List.of() : new ArrayList<>(q);
    }

    /** {@link #ALL} and every service seen, ALL first. */
    public List<String> names() {
        List<String> n = new ArrayList<>(series.keySet());
        n.remove(ALL);
        n.sort(null);
        n.add(0, ALL);
        return n;
    }
}
