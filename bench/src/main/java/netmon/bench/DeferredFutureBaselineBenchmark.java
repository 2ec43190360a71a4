package netmon.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The baseline for {@link DeferredBenchmark}: CompletableFuture doing the same work. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeferredFutureBaselineBenchmark {

    @Benchmark
    public Object threeStages() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        CompletableFuture<Integer> last = f.thenApply(v -> v + 1).thenApply(v -> v * 2).thenApply(v -> v);
        f.complete(20);
        return last.join();
    }

    @Benchmark
    public Object threeStagesNested() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        CompletableFuture<Integer> inner = new CompletableFuture<>();
        CompletableFuture<Integer> last = f.thenCompose(v -> inner).thenApply(v -> v * 2).thenApply(v -> v);
        f.complete(20);
        inner.complete(21);
        return last.join();
    }
}
