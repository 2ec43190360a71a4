package netmon.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import netmon.engine.defer.Deferred;
import netmon.engine.monitor.DeferredEvent;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.monitor.MonitorListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A Deferred's life: create, add 3 callbacks, fire; the same with a nested Deferred in the middle; each
 * with and without a monitor watching. {@link #monitorChecksOnly} measures the unwatched monitor's own
 * cost per operation (one volatile read per event site) for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeferredBenchmark {

    /** Whether a (cheap, counting) monitor listener watches the Deferreds. */
    @Param({"false", "true"})
    public boolean watched;

    private final LongAdder seen = new LongAdder();
    private final MonitorListener counter = new MonitorListener() {
        @Override public void deferredEvent(DeferredEvent e) { seen.increment(); }
    };

    @Setup(Level.Trial)
    public void attach() {
        if (watched) MonitorHub.deferreds().add(counter);
    }

    @TearDown(Level.Trial)
    public void detach() {
        MonitorHub.deferreds().remove(counter);
    }

    @Benchmark
    public Object threeCallbacks() {
        Deferred<Object> d = new Deferred<>();
        Object[] out = new Object[1];
        d.addCallback(v -> (Integer) v + 1)
         .addCallback(v -> (Integer) v * 2)
         .addCallback(v -> out[0] = v);
        d.callback(20);
        return out[0];
    }

    @Benchmark
    public Object threeCallbacksNested() {
        Deferred<Object> d = new Deferred<>();
        Deferred<Object> inner = new Deferred<>();
        Object[] out = new Object[1];
        d.addCallback(v -> inner)
         .addCallback(v -> (Integer) v * 2)
         .addCallback(v -> out[0] = v);
        d.callback(20);
        inner.callback(21);
        return out[0];
    }

    /** Nine hub checks: the event sites one {@link #threeCallbacks} passes when nobody watches. */
    @Benchmark
    public void monitorChecksOnly(Blackhole bh) {
        MonitorHub hub = MonitorHub.deferreds();
        for (int i = 0; i < 9; i++) bh.consume(hub.listener() != MonitorListener.NONE);
    }
}
