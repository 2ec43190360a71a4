package netmon.engine.defer;

import java.util.List;

/** Every member of a {@code race} failed; the failures are in input order. */
public class FailureGroup extends RuntimeException {
    private final transient List<Failure> failures;

    public FailureGroup(List<Failure> failures) {
        super("all " + failures.size() + " Deferreds failed");
        this.failures = List.copyOf(failures);
    }

    /** The members' failures, in input order. */
    public List<Failure> failures() { return failures; }
}
