package netmon.ui.deferreds;

/**
 * One callback/errback pair of a chain, as drawn.
 *
 * @param index   the pair's index in the chain (stable across drops of run steps)
 * @param name    the callables' names, e.g. {@code parse / passthru}
 * @param state   what happened to it
 * @param result  a short summary of what it returned, or null if it has not run
 * @param otherId the Deferred it waited on ({@link StepState#WAITING}, or after it resumed), or the Deferred a
 *                continuation step hands its result to; 0 if none
 * @param failureStack the original stack of the failure this step raised (it threw, or returned a new
 *                failure), or null
 */
public record StepInfo(int index, String name, StepState state, String result, long otherId, String failureStack) {

    /** A step that raised no failure of its own. */
    public StepInfo(int index, String name, StepState state, String result, long otherId) {
        this(index, name, state, result, otherId, null);
    }

    /** What happened to a step. */
    public enum StepState {
        /** Not run yet. */
        PENDING,
        /** Its callback ran and returned a value. */
        RAN_CALLBACK,
        /** Its errback ran and returned a value (it handled the failure). */
        RAN_ERRBACK,
        /** Its callback ran and failed (threw or returned a Failure). */
        FAILED_ON_CALLBACK,
        /** Its errback ran and failed again (passed the failure on, or raised a new one). */
        FAILED_ON_ERRBACK,
        /** It returned a Deferred that has not fired: the chain is paused here. */
        WAITING,
        /** It returned a Deferred that has since fired; the chain went on with that result. */
        RESUMED,
        /** The engine's continuation: hands this Deferred's result to the outer one waiting on it. */
        CONTINUATION
    }
}
