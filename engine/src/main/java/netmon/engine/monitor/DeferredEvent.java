package netmon.engine.monitor;

/**
 * One thing that happened to a Deferred, for a viewer that draws chains live. Events carry ids and
 * short strings only, never the Deferred or its result, so watching never keeps a Deferred alive.
 *
 * <p>Per Deferred the sequence is: {@code CREATED}, then any of {@code LABELLED}, {@code CALLBACK_ADDED},
 * {@code FIRED} (once), a step event per callable run ({@code STEP_RAN_CALLBACK} / {@code STEP_RAN_ERRBACK}
 * when it produced a value or a Deferred, {@code STEP_FAILED} when it threw or returned a Failure, with
 * {@link #path()} telling which member of the pair ran), {@code WAITING_ON} / {@code UNPAUSED} around a
 * nested Deferred, {@code PAUSED} / {@code UNPAUSED} for explicit pauses, {@code CANCELLED}, and an
 * {@code ENDED_*} event each time the chain runs out of callbacks. {@code ENDED_FAILURE_UNHANDLED} is
 * followed by {@code UNHANDLED_CLEARED} if a later errback handles the failure. {@code ENDED_SUCCESS} means
 * the chain ran out with a value and never carried a failure; {@code ENDED_FAILURE_HANDLED} means it ran out
 * with a value after a failure was recovered from or handed on to a waiting Deferred.
 *
 * <p>Only a Deferred's own thread reports its events, so a listener sees them in order per Deferred.
 *
 * @param deferredId the Deferred's id (as in its {@code toString()}, {@code Deferred@id})
 * @param kind       what happened
 * @param label      the Deferred's label (set by whoever created it)
 * @param step       the index of the callback pair concerned, or -1
 * @param detail     a short description: callable names, result summary, creation or firing site
 * @param otherId    for {@link Kind#WAITING_ON} and the {@code UNPAUSED} that ends it, the Deferred waited
 *                   on; for a continuation step, the Deferred handed the result; otherwise 0
 * @param nanoTime   {@link System#nanoTime()} when it happened
 * @param path       for step events, which member of the pair ran; otherwise null
 * @param failureStack where a failure came from, as text (the original exception's stack trace with its
 *                   causes): on {@code FIRED} with a failure, on a {@code STEP_FAILED} whose callable threw
 *                   or returned a failure, and on {@code ENDED_FAILURE_UNHANDLED}; otherwise null. Text, so
 *                   the event still keeps nothing of the Deferred's result alive.
 */
public record DeferredEvent(long deferredId, Kind kind, String label, int step, String detail, long otherId,
                            long nanoTime, Path path, String failureStack) {

    /** The shape before {@link #path()} was added; path and failureStack are null. */
    public DeferredEvent(long deferredId, Kind kind, String label, int step, String detail, long otherId, long nanoTime) {
        this(deferredId, kind, label, step, detail, otherId, nanoTime, null, null);
    }

    /** The shape before {@link #failureStack()} was added; failureStack is null. */
    public DeferredEvent(long deferredId, Kind kind, String label, int step, String detail, long otherId, long nanoTime,
                         Path path) {
        this(deferredId, kind, label, step, detail, otherId, nanoTime, path, null);
    }

    /** The kinds of Deferred event. */
    public enum Kind {
        CREATED, LABELLED, CALLBACK_ADDED, FIRED, STEP_RAN_CALLBACK, STEP_RAN_ERRBACK, STEP_FAILED,
        WAITING_ON, PAUSED, UNPAUSED, CANCELLED,
        ENDED_SUCCESS, ENDED_FAILURE_HANDLED, ENDED_FAILURE_UNHANDLED, UNHANDLED_CLEARED
    }

    /** Which member of a callback/errback pair ran. */
    public enum Path { CALLBACK, ERRBACK }
}
