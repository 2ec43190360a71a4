package netmon.engine.defer;

import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import netmon.engine.monitor.DeferredEvent;
import netmon.engine.monitor.DeferredEvent.Kind;
import netmon.engine.monitor.DeferredEvent.Path;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.reactor.DelayedCall;
import netmon.engine.reactor.ReactorTime;

/**
 * A result that is not there yet, and the chain of callbacks and errbacks that will process it:
 * Twisted's {@code Deferred}. Not thread-safe: create, fire and add callbacks on one thread (the
 * reactor thread); callbacks run synchronously on the thread that fires it.
 *
 * <p>A callback may return a plain value (passed to the next callback), a {@link Failure} or throw
 * (the chain switches to the errback path), or another Deferred (the chain pauses until that one
 * fires, then goes on with its result). An errback that returns a non-Failure value recovers.
 * Nested Deferreds are resolved by an iterative loop, so arbitrarily deep nesting uses bounded stack.
 *
 * <p>A chain that ends in a Failure is marked "failed, unhandled" at once (see
 * {@link Deferreds#unhandledCount()} and the monitor), and logged as "Unhandled error in Deferred" when
 * it is garbage-collected still unhandled. Every Deferred reports to {@link MonitorHub#deferreds()}.
 */
public class Deferred<T> {
    private static final AtomicLong IDS = new AtomicLong();
    private static final MonitorHub HUB = MonitorHub.deferreds();
    static final Function<Object, Object> PASS = x -> x;

    private final long id = IDS.incrementAndGet();
    private String label;
    private ArrayList<Step> steps;
    private int next;
    private int stepBase; // steps already run and dropped, so step indexes stay stable for the monitor
    private boolean called;
    private Object result;
    private int paused;
    private boolean waiting; // on a nested Deferred; apart from paused so unpause() cannot run ahead of it
    private boolean running;
    private boolean suppressAlreadyCalled;
    private boolean sawFailure;
    private Consumer<? super Deferred<T>> canceller;
    private Deferred<?> chainedTo;
    private DebugInfo debug;
    private Unhandled unhandled;

    /** One callback/errback pair, or a continuation handing the result to a waiting outer Deferred. */
    static final class Step {
        final Function<Object, Object> callback;
        final Function<Object, Object> errback;
        final String name;
        final Deferred<Object> continuation;

        Step(Function<Object, Object> callback, Function<Object, Object> errback, String name, Deferred<Object> continuation) {
            this.callback = callback;
            this.errback = errback;
            this.name = name;
            this.continuation = continuation;
        }
    }

    /** An unlabelled Deferred (its label is {@code "Deferred"}). */
    public Deferred() { this(null, null); }

    /** A Deferred whose {@link #cancel()} calls {@code canceller} first. */
    public Deferred(Consumer<? super Deferred<T>> canceller) { this(null, canceller); }

    /** A labelled Deferred, e.g. {@code new Deferred<>("connect 127.0.0.1:7000")}. */
    public Deferred(String label) { this(label, null); }

    /** A labelled Deferred with a canceller. */
    public Deferred(String label, Consumer<? super Deferred<T>> canceller) {
        this.label = label;
        this.canceller = canceller;
        if (Deferreds.debugging) debug = new DebugInfo(new Throwable("created"));
        MonitorListener m = HUB.listener();
        if (m != MonitorListener.NONE) emit(m, Kind.CREATED, -1, debug == null ? null : debug.creationSite(), 0, null);
    }

    /** An already-fired Deferred with {@code value}. */
    public static <T> Deferred<T> succeed(T value) {
        Deferred<T> d = new Deferred<>();
        d.callback(value);
        return d;
    }

    /** An already-failed Deferred. */
    public static <T> Deferred<T> fail(Throwable error) {
        Deferred<T> d = new Deferred<>();
        d.errback(error);
        return d;
    }

    /** An already-failed Deferred. */
    public static <T> Deferred<T> fail(Failure failure) {
        Deferred<T> d = new Deferred<>();
        d.errback(failure);
        return d;
    }

    /**
     * Calls {@code f} and wraps its outcome: a plain value in {@link #succeed}, a thrown exception or a
     * returned Failure in {@link #fail}, and a returned Deferred as it is.
     */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<T> maybeDeferred(Supplier<?> f) {
        Object r;
        try {
            r = f.get();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) throw e;
            return fail(e);
        }
        if (r instanceof Deferred<?> d) return (Deferred<T>) d;
        if (r instanceof Failure fl) return fail(fl);
        return succeed((T) r);
    }

    /** This Deferred's process-unique id, as in {@code Deferred@id}. */
    public long id() { return id; }

    /** The label given by its creator, or {@code "Deferred"}. */
    public String label() { return label == null ? "Deferred" : label; }

    /** Names this Deferred for the monitor, e.g. {@code endpoint listen tcp:7000}. */
    public Deferred<T> setLabel(String label) {
        this.label = label;
        MonitorListener m = HUB.listener();
        if (m != MonitorListener.NONE) emit(m, Kind.LABELLED, -1, label, 0, null);
        return this;
    }

    /** True once {@link #callback} or {@link #errback} was called (or it was cancelled). */
    public boolean isCalled() { return called; }

    /** True while explicitly paused or waiting on a nested Deferred. */
    public boolean isPaused() { return paused > 0 || waiting; }

    /** True when fired and its current result is a Failure (handled or not). */
    public boolean hasFailed() { return called && result instanceof Failure; }

    /** True when its chain ended in a Failure that no errback has handled yet. */
    public boolean isFailedUnhandled() { return unhandled != null && unhandled.failure != null; }

    /** The Deferred this one waits on (nested or via {@link #chainDeferred}), or null. Package-private for tests. */
    Deferred<?> chainedTo() { return chainedTo; }

    /** The current result (a value, a Failure, a Deferred waited on, or null). For tests. */
    Object currentResult() { return result; }

    // ---- firing

    /** Fires the callback path with {@code value} (a Failure value means the errback path). */
    public void callback(T value) { start(value); }

    /** Fires the errback path with {@code error} wrapped in a Failure. */
    public void errback(Throwable error) {
        if (error == null) throw new NullPointerException("errback needs an exception (Java has no current exception)");
        start(Failure.of(error));
    }

    /** Fires the errback path with {@code failure}. */
    public void errback(Failure failure) {
        if (failure == null) throw new NullPointerException("errback needs a Failure");
        start(failure);
    }

    private void start(Object value) {
        if (value instanceof Deferred<?>) {
            throw new IllegalArgumentException("callback() with a Deferred: return it from a callback instead");
        }
        if (called) {
            if (suppressAlreadyCalled) {
                suppressAlreadyCalled = false;
                return;
            }
            String msg = "Deferred@" + id + " already called";
            if (debug != null) msg += "\n" + debug.tracebacks();
            throw new AlreadyCalledError(msg);
        }
        if (debug != null) debug.invoker = new Throwable("first fired");
        called = true;
        result = value;
        canceller = null;
        MonitorListener m = HUB.listener();
        if (m != MonitorListener.NONE) {
            String detail = summary(value);
            if (debug != null) detail += " @ " + DebugInfo.site(debug.invoker);
            emit(m, Kind.FIRED, -1, detail, 0, value instanceof Failure ? Path.ERRBACK : Path.CALLBACK, stackOf(value));
        }
        runCallbacks();
    }

    // ---- the chain

    /** Adds a callback/errback pair; only one of the two runs for a given result. */
    public Deferred<T> addCallbacks(Function<? super T, ?> callback, Function<? super Failure, ?> errback) {
        return add(callback, errback, null);
    }

    /** {@link #addCallbacks(Function, Function)} with a name for the monitor. */
    public Deferred<T> addCallbacks(String name, Function<? super T, ?> callback, Function<? super Failure, ?> errback) {
        return add(callback, errback, name);
    }

    /** Adds a callback; a Failure passes by it to the next errback. */
    public Deferred<T> addCallback(Function<? super T, ?> callback) { return add(callback, PASS, null); }

    /** {@link #addCallback(Function)} with a name for the monitor. */
    public Deferred<T> addCallback(String name, Function<? super T, ?> callback) { return add(callback, PASS, name); }

    /** Adds an errback; a value passes by it to the next callback. */
    public Deferred<T> addErrback(Function<? super Failure, ?> errback) { return add(PASS, errback, null); }

    /** {@link #addErrback(Function)} with a name for the monitor. */
    public Deferred<T> addErrback(String name, Function<? super Failure, ?> errback) { return add(PASS, errback, name); }

    /** Adds {@code fn} as both callback and errback: it gets the value or the Failure. */
    public Deferred<T> addBoth(Function<Object, ?> fn) { return add(fn, fn, null); }

    /** {@link #addBoth(Function)} with a name for the monitor. */
    public Deferred<T> addBoth(String name, Function<Object, ?> fn) { return add(fn, fn, name); }

    @SuppressWarnings("unchecked")
    private Deferred<T> add(Function<?, ?> callback, Function<?, ?> errback, String name) {
        if (callback == null || errback == null) throw new NullPointerException("callback and errback must not be null");
        append(new Step((Function<Object, Object>) callback, (Function<Object, Object>) errback, name, null));
        if (called) runCallbacks();
        return this;
    }

    private void append(Step s) {
        if (steps == null) steps = new ArrayList<>(4);
        steps.add(s);
        MonitorListener m = HUB.listener();
        if (m != MonitorListener.NONE) emit(m, Kind.CALLBACK_ADDED, stepBase + steps.size() - 1, stepName(s), s.continuation == null ? 0 : s.continuation.id, null);
    }

    /**
     * Fires {@code d} with this Deferred's result: {@code addCallbacks(d::callback, d::errback)}. Firing
     * {@code d} later does not affect this one. This may recurse, unlike nested Deferreds.
     */
    @SuppressWarnings("unchecked")
    public Deferred<T> chainDeferred(Deferred<? super T> d) {
        d.chainedTo = this;
        Deferred<Object> target = (Deferred<Object>) d;
        return add((Function<Object, Object>) v -> { target.callback(v); return null; },
                   (Function<Object, Object>) f -> { target.errback((Failure) f); return null; },
                   "chainDeferred -> Deferred@" + d.id);
    }

    /** Stops callbacks from running until {@link #unpause()} is called as many times. */
    public void pause() {
        paused++;
        MonitorListener m = HUB.listener();
        if (m != MonitorListener.NONE) emit(m, Kind.PAUSED, -1, "paused=" + paused, 0, null);
    }

    /** Undoes one {@link #pause()}; at zero, runs pending callbacks if fired. */
    public void unpause() {
        if (paused == 0) throw new IllegalStateException("Deferred@" + id + " is not paused");
        paused--;
        MonitorListener m = HUB.listener();
        if (m != MonitorListener.NONE) emit(m, Kind.UNPAUSED, -1, "paused=" + paused, 0, null);
        if (paused == 0 && !waiting && called) runCallbacks();
    }

    @SuppressWarnings("unchecked")
    private void runCallbacks() {
        if (running) return;
        // A work stack on the heap instead of recursion: a continuation step pushes the Deferred it
        // belongs to and switches to the outer one it resumes (Twisted's _runCallbacks).
        ArrayList<Deferred<Object>> stack = null;
        Deferred<Object> current = (Deferred<Object>) this;
        outer:
        while (current != null) {
            if (current.paused > 0 || current.waiting) {
                current = stack == null || stack.isEmpty() ? null : stack.remove(stack.size() - 1);
                continue;
            }
            current.chainedTo = null;
            ArrayList<Step> cs = current.steps;
            while (cs != null && current.next < cs.size()) {
                int local = current.next;
                int index = current.stepBase + local;
                Step step = cs.get(local);
                cs.set(local, null); // let the callables be collected: they have run
                current.next++;
                boolean failure = current.result instanceof Failure;
                if (failure) current.sawFailure = true;
                if (step.continuation != null) {
                    Deferred<Object> chainee = step.continuation;
                    chainee.result = current.result;
                    current.result = null;
                    chainee.waiting = false;
                    MonitorListener m = HUB.listener();
                    if (m != MonitorListener.NONE) {
                        current.emit(m, failure ? Kind.STEP_FAILED : Kind.STEP_RAN_CALLBACK, index,
                            "result handed to Deferred@" + chainee.id, chainee.id, failure ? Path.ERRBACK : Path.CALLBACK);
                        chainee.emit(m, Kind.UNPAUSED, -1, "Deferred@" + current.id + " fired", current.id, null);
                    }
                    if (stack == null) stack = new ArrayList<>();
                    stack.add(current);
                    current = chainee;
                    continue outer;
                }
                Function<Object, Object> fn = failure ? step.errback : step.callback;
                Object input = current.result;
                Object r;
                current.running = true;
                try {
                    r = fn.apply(current.result);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable t) {
                    r = Failure.of(t);
                } finally {
                    current.running = false;
                }
                if (r == current) {
                    r = Failure.of(new IllegalStateException("Callback returned the Deferred it was attached to: Deferred@" + current.id));
                }
                current.result = r;
                MonitorListener m = HUB.listener();
                if (m != MonitorListener.NONE) {
                    Path path = failure ? Path.ERRBACK : Path.CALLBACK;
                    Kind k = r instanceof Failure ? Kind.STEP_FAILED : failure ? Kind.STEP_RAN_ERRBACK : Kind.STEP_RAN_CALLBACK;
                    // The stack only when this step produced the failure: one passed through unchanged was reported where it arose.
                    String failureStack = r instanceof Failure f && r != input ? stackOf(f) : null;
                    current.emit(m, k, index, (step.name != null ? step.name : nameOf(fn)) + " -> " + summary(r), 0, path, failureStack);
                }
                if (r instanceof Deferred<?> nested) {
                    Deferred<Object> inner = (Deferred<Object>) nested;
                    if (!inner.called || inner.waiting || inner.paused > 0) {
                        current.waiting = true;
                        current.chainedTo = inner;
                        if (m != MonitorListener.NONE) current.emit(m, Kind.WAITING_ON, index, "waiting on Deferred@" + inner.id, inner.id, null);
                        inner.append(new Step(null, null, null, current));
                        break;
                    }
                    // Already fired: take its result now; it no longer owns it (so it is not logged).
                    current.result = inner.result;
                    inner.result = null;
                    inner.clearUnhandled();
                }
            }
            current.chainEnded();
            current = stack == null || stack.isEmpty() ? null : stack.remove(stack.size() - 1);
        }
    }

    /** The chain ran out (or paused on a nested Deferred): update the unhandled mark and tell the monitor. */
    private void chainEnded() {
        if (steps != null && next == steps.size()) {
            stepBase += next;
            steps.clear(); // keep the list from growing across adds after firing
            next = 0;
        }
        Object r = result;
        if (r instanceof Deferred<?>) return;
        MonitorListener m = HUB.listener();
        if (r instanceof Failure f) {
            markUnhandled(f);
            if (m != MonitorListener.NONE) emit(m, Kind.ENDED_FAILURE_UNHANDLED, -1, summary(f), 0, null, stackOf(f));
        } else {
            clearUnhandled();
            if (m != MonitorListener.NONE) emit(m, sawFailure ? Kind.ENDED_FAILURE_HANDLED : Kind.ENDED_SUCCESS, -1, summary(r), 0, null);
        }
    }

    private void markUnhandled(Failure f) {
        if (unhandled == null) {
            // The holder, not the Deferred, is what the Cleaner's action sees.
            unhandled = new Unhandled(id, label(), debug == null ? null : debug.tracebacks());
            Deferreds.CLEANER.register(this, unhandled);
        }
        if (unhandled.failure == null) Deferreds.UNHANDLED.incrementAndGet();
        unhandled.failure = f;
    }

    private void clearUnhandled() {
        Unhandled u = unhandled;
        if (u != null && u.failure != null) {
            u.failure = null;
            Deferreds.UNHANDLED.decrementAndGet();
            MonitorListener m = HUB.listener();
            if (m != MonitorListener.NONE) emit(m, Kind.UNHANDLED_CLEARED, -1, null, 0, null);
        }
    }

    // ---- cancellation and timeouts

    /**
     * Cancels an unfired Deferred: the canceller runs, and if it did not fire us we errback with
     * {@link CancelledError}. Without a canceller, one later fire by the original producer is swallowed.
     * On a Deferred waiting on a nested one, cancels the nested one. Otherwise does nothing.
     */
    public void cancel() {
        if (!called) {
            MonitorListener m = HUB.listener();
            if (m != MonitorListener.NONE) emit(m, Kind.CANCELLED, -1, null, 0, null);
            Consumer<? super Deferred<T>> c = canceller;
            if (c != null) {
                c.accept(this);
            } else {
                suppressAlreadyCalled = true;
            }
            if (!called) errback(new CancelledError());
        } else if (result instanceof Deferred<?> inner) {
            MonitorListener m = HUB.listener();
            if (m != MonitorListener.NONE) emit(m, Kind.CANCELLED, -1, "forwarded to Deferred@" + inner.id, inner.id, null);
            inner.cancel();
        }
    }

    /**
     * Cancels this Deferred if it has not fired after {@code seconds} on {@code clock}; a resulting
     * {@link CancelledError} becomes a {@link TimeoutError}. Covers only callbacks added before this call.
     */
    public Deferred<T> addTimeout(double seconds, ReactorTime clock) {
        return addTimeout(seconds, clock, null);
    }

    /**
     * As {@link #addTimeout(double, ReactorTime)}, but if the timeout fired, {@code onTimeoutCancel}
     * (given the result and the timeout) translates the result instead of the default translation.
     */
    public Deferred<T> addTimeout(double seconds, ReactorTime clock, BiFunction<Object, Double, Object> onTimeoutCancel) {
        boolean[] timedOut = {false};
        DelayedCall call = clock.callLater(seconds, () -> {
            timedOut[0] = true;
            cancel();
        });
        addBoth("addTimeout " + seconds + "s", r -> {
            if (!timedOut[0]) return r;
            if (onTimeoutCancel != null) return onTimeoutCancel.apply(r, seconds);
            if (r instanceof Failure f && f.check(CancelledError.class) != null) {
                throw new TimeoutError(seconds, "Deferred@" + id + " (" + label() + ")");
            }
            return r;
        });
        addBoth("cancel timeout", r -> {
            if (call.active()) call.cancel();
            return r;
        });
        return this;
    }

    // ---- futures

    /**
     * A CompletableFuture completed with this Deferred's outcome (a failure completes it exceptionally;
     * a {@link CancelledError} cancels it). The result is consumed: later callbacks here get null.
     * Cancelling the future cancels this Deferred; do that on the thread that owns this Deferred.
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (f.isCancelled() && !called) cancel();
        });
        addBoth("toCompletableFuture", r -> {
            if (r instanceof Failure fl) {
                if (fl.check(CancelledError.class) != null) f.cancel(false);
                else f.completeExceptionally(fl.getValue());
            } else {
                @SuppressWarnings("unchecked") T v = (T) r;
                f.complete(v);
            }
            return null;
        });
        return f;
    }

    /**
     * A Deferred fired with {@code future}'s outcome. Cancelling the Deferred cancels the future, and a
     * cancelled future errbacks it with {@link CancelledError}. The future may complete on any thread;
     * the Deferred is fired on that thread, so prefer {@link #fromFuture(CompletableFuture, Executor)}.
     */
    public static <T> Deferred<T> fromFuture(CompletableFuture<? extends T> future) {
        return fromFuture(future, Runnable::run);
    }

    /** As {@link #fromFuture(CompletableFuture)}, firing through {@code executor} (e.g. {@code reactor::callFromThread}). */
    public static <T> Deferred<T> fromFuture(CompletableFuture<? extends T> future, Executor executor) {
        Deferred<T> d = new Deferred<>("fromFuture", x -> future.cancel(false));
        future.whenComplete((v, e) -> executor.execute(() -> {
            if (d.called) return; // our cancel already fired it
            if (e == null) {
                d.callback(v);
            } else {
                Throwable cause = e;
                while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                d.errback(cause instanceof CancellationException ? new CancelledError("future was cancelled") : cause);
            }
        }));
        return d;
    }

    // ---- monitor helpers

    private void emit(MonitorListener m, Kind kind, int step, String detail, long otherId, Path path) {
        emit(m, kind, step, detail, otherId, path, null);
    }

    private void emit(MonitorListener m, Kind kind, int step, String detail, long otherId, Path path, String stack) {
        m.deferredEvent(new DeferredEvent(id, kind, label(), step, detail, otherId, System.nanoTime(), path, stack));
    }

    private static String stackOf(Object value) {
        return value instanceof Failure f ? f.getTraceback() : null;
    }

    private static String stepName(Step s) {
        if (s.continuation != null) return "continue Deferred@" + s.continuation.id;
        if (s.name != null) return s.name;
        if (s.callback == s.errback) return "both " + nameOf(s.callback);
        return nameOf(s.callback) + " / " + nameOf(s.errback);
    }

    /** A short readable name for a callable: lambdas are named after the class that wrote them. */
    static String nameOf(Object fn) {
        if (fn == null) return "continuation";
        if (fn == PASS) return "passthru";
        return NAMES.get(fn.getClass());
    }

    // Deriving a name costs string work; a lambda's class is reused for every call site execution.
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override protected String computeValue(Class<?> type) { return deriveName(type); }
    };

    private static String deriveName(Class<?> type) {
        String n = type.getName();
        int lambda = n.indexOf("$$Lambda");
        if (lambda >= 0) n = n.substring(0, lambda) + ".λ";
        int dot = n.lastIndexOf('.', lambda >= 0 ? n.length() - 3 : n.length());
        return dot >= 0 ? n.substring(dot + 1) : n;
    }

    /** A short description of a result, at most ~80 characters. */
    static String summary(Object r) {
        String s;
        if (r instanceof Failure f) s = "Failure " + f.getType().getSimpleName() + ": " + f.getErrorMessage();
        else if (r instanceof Deferred<?> d) s = "Deferred@" + d.id;
        else s = String.valueOf(r);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    @Override
    public String toString() {
        String me = "Deferred@" + id;
        Deferred<?> waiting = chainedTo;
        if (waiting == null && result instanceof Deferred<?> d) waiting = d;
        if (waiting != null) return me + " waiting on Deferred@" + waiting.id;
        if (!called) return me + " (pending)";
        if (result instanceof Failure f) return me + " failed: " + f.getValue().getClass().getSimpleName() + ": " + f.getErrorMessage();
        return me + " result=" + summary(result);
    }

    /** Creation and first-fire sites, kept only in debug mode. */
    static final class DebugInfo {
        final Throwable creator;
        Throwable invoker;

        DebugInfo(Throwable creator) { this.creator = creator; }

        String creationSite() { return site(creator); }

        /** The first frame outside this package: where user code created or fired the Deferred. */
        static String site(Throwable t) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (!isInternal(e.getClassName())) return e.toString();
            }
            StackTraceElement[] st = t.getStackTrace();
            return st.length == 0 ? "?" : st[st.length - 1].toString();
        }

        private static boolean isInternal(String cls) {
            return cls.equals("netmon.engine.defer.Deferred") || cls.startsWith("netmon.engine.defer.Deferred$")
                || cls.equals("netmon.engine.defer.Deferreds") || cls.equals("netmon.engine.defer.DeferredList");
        }

        String tracebacks() {
            StringBuilder b = new StringBuilder(" C: Deferred was created:\n");
            for (StackTraceElement e : creator.getStackTrace()) b.append(" C:  at ").append(e).append('\n');
            if (invoker != null) {
                b.append(" I: First Invoker was:\n");
                for (StackTraceElement e : invoker.getStackTrace()) b.append(" I:  at ").append(e).append('\n');
            }
            return b.toString();
        }
    }

    /** What the Cleaner's action sees: never the Deferred itself. */
    static final class Unhandled implements Runnable {
        final long id;
        final String label;
        final String debugTracebacks;
        volatile Failure failure;

        Unhandled(long id, String label, String debugTracebacks) {
            this.id = id;
            this.label = label;
            this.debugTracebacks = debugTracebacks;
        }

        @Override
        public void run() {
            Failure f = failure;
            if (f == null) return;
            failure = null;
            Deferreds.UNHANDLED.decrementAndGet();
            Deferreds.reportUnhandled(id, label, f, debugTracebacks);
        }
    }
}
