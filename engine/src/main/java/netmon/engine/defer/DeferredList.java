package netmon.engine.defer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for several Deferreds: Twisted's {@code DeferredList}. Fires with one {@link Result} per member,
 * in input order, once every member has fired. With {@code fireOnOneErrback} it fails with a
 * {@link FirstError} at the first failure; with {@code consumeErrors} the members' failures are taken
 * (the member's result becomes null, so it is not reported as unhandled). The fireOnOneCallback variant,
 * whose result has another shape, is {@link #fireOnOneCallback}.
 */
public class DeferredList<T> extends Deferred<List<DeferredList.Result<T>>> {
    private static final Logger log = LoggerFactory.getLogger(DeferredList.class);

    /** One member's outcome: {@code success} and either its value or its {@link Failure}. */
    public record Result<T>(boolean success, Object result) {
        /** The value of a successful member. */
        @SuppressWarnings("unchecked")
        public T value() {
            if (!success) throw new IllegalStateException("member failed: " + result);
            return (T) result;
        }

        /** The failure of a failed member. */
        public Failure failure() {
            if (success) throw new IllegalStateException("member succeeded");
            return (Failure) result;
        }
    }

    /** A value and the index of the member that produced it (fireOnOneCallback, race). */
    public record Indexed<T>(T result, int index) {}

    private final List<Deferred<? extends T>> members;
    private final Object[] resultList;
    private final boolean fireOnOneCallback, fireOnOneErrback, consumeErrors;
    private int finishedCount;

    /** Waits for all of {@code ds}; failures are not consumed. */
    public DeferredList(List<? extends Deferred<? extends T>> ds) { this(ds, false, false, false); }

    /** Waits for all of {@code ds}, or fails at the first failure when {@code fireOnOneErrback}. */
    public DeferredList(List<? extends Deferred<? extends T>> ds, boolean fireOnOneErrback, boolean consumeErrors) {
        this(ds, false, fireOnOneErrback, consumeErrors);
    }

    @SuppressWarnings("unchecked")
    private DeferredList(List<? extends Deferred<? extends T>> ds, boolean fireOnOneCallback, boolean fireOnOneErrback, boolean consumeErrors) {
        super("DeferredList of " + ds.size());
        this.members = new ArrayList<>(ds);
        this.resultList = new Object[members.size()];
        this.fireOnOneCallback = fireOnOneCallback;
        this.fireOnOneErrback = fireOnOneErrback;
        this.consumeErrors = consumeErrors;
        if (members.isEmpty() && !fireOnOneCallback) callback(new ArrayList<>());
        for (int i = 0; i < members.size(); i++) {
            int index = i;
            ((Deferred<Object>) members.get(i)).addBoth("DeferredList member " + i, r -> memberFired(r, index));
        }
    }

    /**
     * Fires with the first success among {@code ds} and its index. With {@code fireOnOneErrback} it fails
     * with a {@link FirstError} at a failure before any success; otherwise, if all fail, it fires with the
     * list of results (as a {@code List<Result<T>>}, cast to Object). An empty list never fires.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> Deferred<Indexed<T>> fireOnOneCallback(List<? extends Deferred<? extends T>> ds, boolean fireOnOneErrback, boolean consumeErrors) {
        return (Deferred) new DeferredList<T>(ds, true, fireOnOneErrback, consumeErrors);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object memberFired(Object r, int index) {
        boolean success = !(r instanceof Failure);
        resultList[index] = new Result<T>(success, r);
        finishedCount++;
        if (!isCalled()) {
            if (success && fireOnOneCallback) {
                ((Deferred) this).callback(new Indexed<>((T) r, index));
            } else if (!success && fireOnOneErrback) {
                errback(new FirstError((Failure) r, index));
            } else if (finishedCount == resultList.length) {
                List<Result<T>> list = new ArrayList<>(resultList.length);
                for (Object o : resultList) list.add((Result<T>) o);
                callback(list);
            }
        }
        return !success && consumeErrors ? null : r;
    }

    /** The results so far, by member index (null where not yet fired). */
    @SuppressWarnings("unchecked")
    public List<Result<T>> resultList() {
        return (List<Result<T>>) (List<?>) Arrays.asList(resultList.clone());
    }

    /** Cancels every member, if this list has not fired yet; a canceller's exception is logged. */
    @Override
    public void cancel() {
        if (isCalled()) return;
        for (Deferred<? extends T> d : members) {
            try {
                d.cancel();
            } catch (RuntimeException e) {
                log.error("Exception raised from user supplied canceller", e);
            }
        }
    }
}
