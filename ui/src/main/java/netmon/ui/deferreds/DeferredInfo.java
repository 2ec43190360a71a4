package netmon.ui.deferreds;

import java.util.List;

/**
 * An immutable picture of one tracked Deferred, for the table and the chain drawing.
 *
 * @param id           the Deferred's id
 * @param label        its label, or null
 * @param state        where it stands
 * @param createdNanos when it was created (or first seen), {@link System#nanoTime()}
 * @param endedNanos   when its chain last ran out, or 0 while live
 * @param fired        true once callback or errback was called
 * @param firedWithFailure true if it was fired with a failure (errback)
 * @param firedDetail  what it was fired with (summary; with the firing site in debug mode)
 * @param result       the summary of the value or failure its chain ended with, or null
 * @param waitingOn    the Deferred it waits on now, or 0
 * @param cancelled    true if cancel() was called on it
 * @param unhandled    true while it holds a failure no errback handled
 * @param creationSite where it was created (debug mode only), or null
 * @param steps        its callback pairs, in order
 * @param droppedSteps steps not kept (very long chains)
 * @param seenLate     true if it was created before the view started watching
 * @param firedStack   the original stack of the failure it was fired with (errback), or null
 * @param failureStack the original stack of the failure its chain ended with, or null
 */
public record DeferredInfo(long id, String label, DeferredState state, long createdNanos, long endedNanos, boolean fired,
                           boolean firedWithFailure, String firedDetail, String result, long waitingOn, boolean cancelled,
                           boolean unhandled, String creationSite, List<StepInfo> steps, int droppedSteps, boolean seenLate,
                           String firedStack, String failureStack) {

    /** A Deferred with no failure stacks known. */
    public DeferredInfo(long id, String label, DeferredState state, long createdNanos, long endedNanos, boolean fired,
                        boolean firedWithFailure, String firedDetail, String result, long waitingOn, boolean cancelled,
                        boolean unhandled, String creationSite, List<StepInfo> steps, int droppedSteps, boolean seenLate) {
        this(id, label, state, createdNanos, endedNanos, fired, firedWithFailure, firedDetail, result, waitingOn, cancelled,
                unhandled, creationSite, steps, droppedSteps, seenLate, null, null);
    }

    /** {@code Deferred@id}, with the label if it has one. */
    public String name() { return label == null ? "Deferred@" + id : "Deferred@" + id + " " + label; }
}
