package netmon.engine.defer;

/** Carries a {@link Failure} through code that can only throw: what {@code trap} throws on no match. */
public final class FailureException extends RuntimeException {
    private final transient Failure failure;

    public FailureException(Failure failure) {
        super(failure.getErrorMessage(), failure.getValue(), false, false);
        this.failure = failure;
    }

    public Failure failure() { return failure; }
}
