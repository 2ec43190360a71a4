package netmon.engine.defer;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A captured error travelling down a Deferred's errback path: Twisted's {@code Failure}. It wraps the
 * original Throwable, so the original stack is kept however late the failure is looked at.
 */
public final class Failure {
    private final Throwable value;

    private Failure(Throwable value) {
        if (value == null) throw new NullPointerException("Failure needs a Throwable");
        this.value = value;
    }

    /** Wraps {@code t}; a {@link FailureException} is unwrapped to the Failure it carries. */
    public static Failure of(Throwable t) {
        if (t instanceof FailureException fe) return fe.failure();
        return new Failure(t);
    }

    /** The wrapped exception. */
    public Throwable getValue() { return value; }

    /** The wrapped exception's type. */
    public Class<? extends Throwable> getType() { return value.getClass(); }

    /**
     * Returns the first of {@code types} the wrapped exception is an instance of, or null.
     * Twisted's {@code check}.
     */
    @SafeVarargs
    public final Class<? extends Throwable> check(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> t : types) {
            if (t.isInstance(value)) return t;
        }
        return null;
    }

    /**
     * Returns the matching type, or rethrows this failure (as a {@link FailureException}) so the errback
     * path carries on with it. Twisted's {@code trap}.
     */
    @SafeVarargs
    public final Class<? extends Throwable> trap(Class<? extends Throwable>... types) {
        Class<? extends Throwable> t = check(types);
        if (t == null) throw new FailureException(this);
        return t;
    }

    /** The exception's message, or its class name when it has none. */
    public String getErrorMessage() {
        String m = value.getMessage();
        return m == null ? value.getClass().getName() : m;
    }

    // Rendered once: a failure passed down a chain is reported to the monitor at several steps.
    private volatile String traceback;

    /** The original stack trace as text. */
    public String getTraceback() {
        String t = traceback;
        if (t == null) {
            StringWriter w = new StringWriter();
            value.printStackTrace(new PrintWriter(w));
            traceback = t = w.toString();
        }
        return t;
    }

    /** Throws the wrapped exception unchecked (runtime exceptions and errors as they are). */
    public RuntimeException raise() {
        if (value instanceof RuntimeException re) throw re;
        if (value instanceof Error e) throw e;
        throw new FailureException(this);
    }

    @Override
    public String toString() {
        return "[Failure instance: " + value.getClass().getName() + ": " + getErrorMessage() + "]";
    }
}
