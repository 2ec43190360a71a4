package netmon.ui.deferreds;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netmon.engine.monitor.DeferredEvent;
import netmon.engine.monitor.MonitorListener;

/**
 * Follows every Deferred through the monitor's {@link DeferredEvent}s and keeps a bounded picture of them:
 * all live ones (up to {@code maxLive}; beyond it the oldest are forgotten and counted, since a Deferred
 * that is collected without ever firing sends no last event) and the most recent {@code maxEnded} ended
 * ones. Events carry ids and short strings only, so nothing here keeps a Deferred alive.
 *
 * <p>Deferreds fire on whatever thread owns them, so {@link #deferredEvent} may be called from any thread;
 * each call is a short update under a lock. The FX thread calls {@link #drain()} once per pulse and gets
 * immutable pictures of what changed.
 */
public final class DeferredTracker implements MonitorListener {
    /** Default number of ended Deferreds remembered. */
    public static final int DEFAULT_MAX_ENDED = 2_000;
    /** Default number of live Deferreds tracked. */
    public static final int DEFAULT_MAX_LIVE = 20_000;
    /** Steps kept per Deferred; longer chains keep their newest steps. */
    public static final int MAX_STEPS = 500;

    private static final Pattern DEFERRED_REF = Pattern.compile("^Deferred@(\\d+)$");

    /** What changed since the previous drain. */
    public record Changes(List<DeferredInfo> changed, List<Long> removed, long forgottenLive) {}

    private final int maxEnded;
    private final int maxLive;
    private final Object lock = new Object();
    private final LinkedHashMap<Long, Rec> live = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Rec> ended = new LinkedHashMap<>();
    private LinkedHashSet<Long> changed = new LinkedHashSet<>();
    private ArrayList<Long> removed = new ArrayList<>();
    private long forgottenLive;

    /** A tracker with the default bounds. */
    public DeferredTracker() { this(DEFAULT_MAX_LIVE, DEFAULT_MAX_ENDED); }

    /** A tracker keeping at most {@code maxLive} live and {@code maxEnded} ended Deferreds. */
    public DeferredTracker(int maxLive, int maxEnded) {
        if (maxLive < 1 || maxEnded < 1) throw new IllegalArgumentException("bounds must be positive");
        this.maxLive = maxLive;
        this.maxEnded = maxEnded;
    }

    private static final class MStep {
        final int index;
        String name;
        StepInfo.StepState state = StepInfo.StepState.PENDING;
        String result;
        long otherId;
        String failureStack;

        MStep(int index, String name) {
            this.index = index;
            this.name = name;
        }
    }

    private static final class Rec {
        final long id;
        String label;
        DeferredState state = DeferredState.PENDING;
        long createdNanos;
        long endedNanos;
        boolean fired;
        boolean firedFailure;
        String firedDetail;
        String result;
        long waitingOn;
        boolean cancelled;
        boolean unhandled;
        String site;
        int paused;
        int droppedSteps;
        boolean seenLate;
        String firedStack;
        String failureStack;
        final ArrayList<MStep> steps = new ArrayList<>(4);

        Rec(long id) { this.id = id; }

        MStep step(int index, String name) {
            for (int i = steps.size() - 1; i >= 0; i--) {
                MStep s = steps.get(i);
                if (s.index == index) return s;
                if (s.index < index) break;
            }
            MStep s = new MStep(index, name == null ? "step " + index : name);
            int at = steps.size();
            while (at > 0 && steps.get(at - 1).index > index) at--;
            steps.add(at, s);
            if (steps.size() > MAX_STEPS) {
                steps.remove(0);
                droppedSteps++;
            }
            return s;
        }

        DeferredInfo info() {
            List<StepInfo> ss = new ArrayList<>(steps.size());
            for (MStep s : steps) ss.add(new StepInfo(s.index, s.name, s.state, s.result, s.otherId, s.failureStack));
            return new DeferredInfo(id, label, state, createdNanos, endedNanos, fired, firedFailure, firedDetail, result,
                    waitingOn, cancelled, unhandled, site, List.copyOf(ss), droppedSteps, seenLate, firedStack, failureStack);
        }
    }

    // ---------------------------------------------------------------- FX side

    /** Everything that changed since the previous drain. Call from one thread (the FX thread). */
    public Changes drain() {
        synchronized (lock) {
            List<DeferredInfo> out = new ArrayList<>(changed.size());
            for (Long id : changed) {
                Rec r = live.get(id);
                if (r == null) r = ended.get(id);
                if (r != null) out.add(r.info());
            }
            Changes c = new Changes(out, removed, forgottenLive);
            changed = new LinkedHashSet<>();
            removed = new ArrayList<>();
            return c;
        }
    }

    /** The current picture of Deferred {@code id}, or null if it is not (or no longer) tracked. Any thread. */
    public DeferredInfo get(long id) {
        synchronized (lock) {
            Rec r = live.get(id);
            if (r == null) r = ended.get(id);
            return r == null ? null : r.info();
        }
    }

    /** Live Deferreds tracked now. */
    public int liveCount() {
        synchronized (lock) {
            return live.size();
        }
    }

    /** Ended Deferreds remembered now. */
    public int endedCount() {
        synchronized (lock) {
            return ended.size();
        }
    }

    // ---------------------------------------------------------------- events (any thread)

    @Override
    public void deferredEvent(DeferredEvent e) {
        synchronized (lock) {
            apply(e);
        }
    }

    private Rec rec(DeferredEvent e) {
        Rec r = live.get(e.deferredId());
        if (r == null) r = ended.get(e.deferredId());
        if (r == null) {
            r = new Rec(e.deferredId());
            r.createdNanos = e.nanoTime();
            r.seenLate = e.kind() != DeferredEvent.Kind.CREATED;
            live.put(r.id, r);
            if (live.size() > maxLive) {
                Iterator<Rec> it = live.values().iterator();
                Rec old = it.next();
                it.remove();
                forgottenLive++;
                changed.remove(old.id);
                removed.add(old.id);
            }
        }
        return r;
    }

    private void apply(DeferredEvent e) {
        Rec r = rec(e);
        if (e.label() != null) r.label = e.label();
        changed.add(r.id);
        String detail = e.detail();
        switch (e.kind()) {
            case CREATED -> {
                r.createdNanos = e.nanoTime();
                r.site = detail;
            }
            case LABELLED -> r.label = detail;
            case CALLBACK_ADDED -> {
                MStep s = r.step(e.step(), detail);
                s.name = detail == null ? s.name : detail;
                if (e.otherId() != 0) {
                    s.otherId = e.otherId();
                    s.state = StepInfo.StepState.PENDING;
                }
            }
            case FIRED -> {
                r.fired = true;
                r.firedFailure = e.path() == DeferredEvent.Path.ERRBACK;
                r.firedDetail = detail;
                r.firedStack = capped(e.failureStack());
                if (e.failureStack() != null) r.failureStack = r.firedStack;
                if (r.paused > 0) r.state = DeferredState.PAUSED;
            }
            case STEP_RAN_CALLBACK, STEP_RAN_ERRBACK, STEP_FAILED -> stepRan(r, e);
            case WAITING_ON -> {
                MStep s = r.step(e.step(), null);
                s.state = StepInfo.StepState.WAITING;
                s.otherId = e.otherId();
                r.waitingOn = e.otherId();
                r.state = DeferredState.WAITING;
            }
            case PAUSED -> {
                r.paused = parsePaused(detail, r.paused + 1);
                if (r.fired) r.state = DeferredState.PAUSED;
            }
            case UNPAUSED -> {
                if (e.otherId() != 0) {
                    // The nested Deferred we waited on fired: the waiting step resumes.
                    for (MStep s : r.steps) {
                        if (s.state == StepInfo.StepState.WAITING && s.otherId == e.otherId()) s.state = StepInfo.StepState.RESUMED;
                    }
                    if (r.waitingOn == e.otherId()) r.waitingOn = 0;
                } else {
                    r.paused = parsePaused(detail, Math.max(0, r.paused - 1));
                }
                if (r.state == DeferredState.WAITING || r.state == DeferredState.PAUSED) {
                    r.state = r.waitingOn != 0 ? DeferredState.WAITING : r.paused > 0 ? DeferredState.PAUSED : DeferredState.PENDING;
                }
            }
            case CANCELLED -> r.cancelled = true;
            case ENDED_SUCCESS, ENDED_FAILURE_HANDLED, ENDED_FAILURE_UNHANDLED -> {
                r.result = detail;
                r.endedNanos = e.nanoTime();
                r.waitingOn = 0;
                r.unhandled = e.kind() == DeferredEvent.Kind.ENDED_FAILURE_UNHANDLED;
                if (e.failureStack() != null) r.failureStack = capped(e.failureStack());
                else if (e.kind() == DeferredEvent.Kind.ENDED_SUCCESS) r.failureStack = null;
                r.state = switch (e.kind()) {
                    case ENDED_SUCCESS -> DeferredState.SUCCEEDED;
                    case ENDED_FAILURE_HANDLED -> DeferredState.RECOVERED;
                    default -> DeferredState.FAILED;
                };
                if (live.remove(r.id) != null || ended.containsKey(r.id)) {
                    ended.remove(r.id);
                    ended.put(r.id, r);
                    if (ended.size() > maxEnded) {
                        Iterator<Rec> it = ended.values().iterator();
                        Rec old = it.next();
                        it.remove();
                        changed.remove(old.id);
                        removed.add(old.id);
                    }
                }
            }
            case UNHANDLED_CLEARED -> {
                r.unhandled = false;
                if (r.state == DeferredState.FAILED) r.state = DeferredState.FAILED_HANDLED;
            }
        }
    }

    private static void stepRan(Rec r, DeferredEvent e) {
        MStep s = r.step(e.step(), null);
        String detail = e.detail() == null ? "" : e.detail();
        boolean errbackPath = e.path() == DeferredEvent.Path.ERRBACK;
        if (e.otherId() != 0 || detail.startsWith("result handed to ")) {
            s.state = StepInfo.StepState.CONTINUATION;
            s.otherId = e.otherId();
            s.result = detail;
            return;
        }
        String prefix = s.name + " -> ";
        String result = detail.startsWith(prefix) ? detail.substring(prefix.length())
                : detail.contains(" -> ") ? detail.substring(detail.lastIndexOf(" -> ") + 4) : detail;
        s.result = result;
        s.failureStack = capped(e.failureStack());
        if (s.failureStack != null) r.failureStack = s.failureStack;
        if (e.kind() == DeferredEvent.Kind.STEP_FAILED) {
            s.state = errbackPath ? StepInfo.StepState.FAILED_ON_ERRBACK : StepInfo.StepState.FAILED_ON_CALLBACK;
        } else {
            s.state = errbackPath ? StepInfo.StepState.RAN_ERRBACK : StepInfo.StepState.RAN_CALLBACK;
            Matcher m = DEFERRED_REF.matcher(result);
            if (m.matches()) {
                // It returned a Deferred that had already fired: the chain took its result at once.
                s.otherId = Long.parseLong(m.group(1));
                s.state = StepInfo.StepState.RESUMED;
            }
        }
    }

    /** Characters of a failure's stack kept per Deferred: a StackOverflowError's trace runs to megabytes. */
    static final int MAX_STACK_CHARS = 32 * 1024;

    static String capped(String stack) {
        if (stack == null || stack.length() <= MAX_STACK_CHARS) return stack;
        int cut = stack.lastIndexOf('\n', MAX_STACK_CHARS);
        if (cut <= 0) cut = MAX_STACK_CHARS;
        return stack.substring(0, cut) + "\n\t… " + (stack.length() - cut) + " more characters not kept";
    }

    private static int parsePaused(String detail, int fallback) {
        if (detail != null && detail.startsWith("paused=")) {
            try {
                return Integer.parseInt(detail.substring(7));
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return fallback;
    }
}
