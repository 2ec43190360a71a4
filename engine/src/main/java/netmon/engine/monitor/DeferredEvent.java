package netmon.engine.monitor;

/**
 * One thing that happened to a Deferred, for a viewer that draws chains live.
 *
 * @param deferredId the Deferred's id (as in its {@code toString()}, {@code Deferred@id})
 * @param kind       what happened
 * @param label      the Deferred's label (set by whoever created it)
 * @param step       the index of the callback pair concerned, or -1
 * @param detail     a short description: callable name, result summary, creation site
 * @param otherId    for {@link Kind#WAITING_ON}, the Deferred waited on; otherwise 0
 * @param nanoTime   {@link System#nanoTime()} when it happened
 */
public record DeferredEvent(long deferredId, Kind kind, String label, int step, String detail, long otherId, long nanoTime) {
    /** The kinds of Deferred event. */
    public enum Kind {
        CREATED, CALLBACK_ADDED, FIRED, STEP_RAN_CALLBACK, STEP_RAN_ERRBACK, STEP_FAILED,
        WAITING_ON, PAUSED, UNPAUSED, CANCELLED,
        ENDED_SUCCESS, ENDED_FAILURE_HANDLED, ENDED_FAILURE_UNHANDLED, UNHANDLED_CLEARED
    }
}
