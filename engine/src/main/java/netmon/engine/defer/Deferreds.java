package netmon.engine.defer;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide Deferred settings and helpers: debug mode, the live count of failed-and-unhandled
 * Deferreds, and Twisted's module-level functions {@code gatherResults} and {@code race}.
 */
public final class Deferreds {
    private static final Logger log = LoggerFactory.getLogger(Deferred.class);
    static final Cleaner CLEANER = Cleaner.create();
    static final AtomicInteger UNHANDLED = new AtomicInteger();
    static volatile boolean debugging;
    /** Test hook: receives each "Unhandled error in Deferred" report as text. */
    static volatile Consumer<String> unhandledSink;

    private Deferreds() {}

    /**
     * Turns debug mode on or off for Deferreds created from now on: creation and first-fire stacks are
     * recorded, shown in {@link AlreadyCalledError} messages, the unhandled-error log and the monitor.
     * Costly (two stack captures per Deferred); off by default.
     */
    public static void setDebugging(boolean on) { debugging = on; }

    /** Whether new Deferreds record debug info. */
    public static boolean isDebugging() { return debugging; }

    /** How many live Deferreds end in a Failure that no errback has handled (updated at once, not at GC). */
    public static int unhandledCount() { return UNHANDLED.get(); }

    static void reportUnhandled(long id, String label, Failure f, String debugTracebacks) {
        StringBuilder b = new StringBuilder("Unhandled error in Deferred: Deferred@").append(id).append(" (").append(label).append(")\n");
        if (debugTracebacks != null) b.append("(debug:\n").append(debugTracebacks).append(")\n");
        b.append(f.getTraceback());
        String text = b.toString();
        log.error("{}", text);
        Consumer<String> sink = unhandledSink;
        if (sink != null) sink.accept(text);
    }

    /**
     * Fires with the values of {@code ds} in input order once all succeed, or fails with a
     * {@link FirstError} at the first failure. Cancelling it cancels every member.
     */
    public static <T> Deferred<List<T>> gatherResults(List<? extends Deferred<? extends T>> ds, boolean consumeErrors) {
        DeferredList<T> dl = new DeferredList<>(ds, true, consumeErrors);
        Deferred<List<T>> out = new Deferred<>("gatherResults of " + ds.size(), x -> dl.cancel());
        dl.addCallbacks("gatherResults", results -> {
            List<T> values = new ArrayList<>(results.size());
            for (DeferredList.Result<T> r : results) values.add(r.value());
            out.callback(values);
            return null;
        }, f -> {
            out.errback(f);
            return null;
        });
        return out;
    }

    /** {@link #gatherResults(List, boolean)} without consuming the members' errors. */
    public static <T> Deferred<List<T>> gatherResults(List<? extends Deferred<? extends T>> ds) {
        return gatherResults(ds, false);
    }

    /**
     * Fires with the index and value of the first of {@code ds} to succeed and cancels the others; if
     * all fail, fails with a {@link FailureGroup} of their failures in input order. Cancelling the race
     * cancels every member.
     */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<DeferredList.Indexed<T>> race(List<? extends Deferred<? extends T>> ds) {
        List<Deferred<? extends T>> members = new ArrayList<>(ds);
        boolean[] done = {false};
        Deferred<DeferredList.Indexed<T>> out = new Deferred<>("race of " + members.size(), x -> {
            done[0] = true; // our own cancellations of members are not results
            for (Deferred<? extends T> d : members) d.cancel();
        });
        Failure[] failures = new Failure[members.size()];
        int[] failed = {0};
        if (members.isEmpty()) {
            // Twisted's race of nothing fails: there is no first success to wait for.
            out.errback(new FailureGroup(List.of()));
            return out;
        }
        for (int i = 0; i < members.size(); i++) {
            int index = i;
            Deferred<Object> d = (Deferred<Object>) members.get(i);
            d.addCallbacks("race member " + i, v -> {
                if (done[0]) return null;
                done[0] = true;
                for (int j = 0; j < members.size(); j++) {
                    if (j != index) members.get(j).cancel();
                }
                out.callback(new DeferredList.Indexed<>((T) v, index));
                return null;
            }, f -> {
                if (done[0]) return null;
                failures[index] = f;
                if (++failed[0] == members.size()) {
                    done[0] = true;
                    out.errback(new FailureGroup(List.of(failures)));
                }
                return null;
            });
        }
        return out;
    }
}
