package netmon.engine.defer;

/** The first failure among a {@link DeferredList} with fireOnOneErrback, or of {@code gatherResults}. */
public class FirstError extends RuntimeException {
    private final transient Failure subFailure;
    private final int index;

    public FirstError(Failure subFailure, int index) {
        super("FirstError[#" + index + ", " + subFailure + "]", subFailure.getValue());
        this.subFailure = subFailure;
        this.index = index;
    }

    /** The member's original failure. */
    public Failure subFailure() { return subFailure; }

    /** The member's index in the input list. */
    public int index() { return index; }
}
