package netmon.ui.model;

/**
 * A message for the user's eyes (a banner in the window): a listener that could not start, an endpoint
 * that cannot be used.
 *
 * @param level     how bad
 * @param title     a few words, e.g. {@code echo could not start}
 * @param text      the reason, one line, never a stack trace
 * @param atMillis  when it happened
 */
public record Notice(Level level, String title, String text, long atMillis) {
    /** Severity. */
    public enum Level { INFO, WARNING, ERROR }
}
