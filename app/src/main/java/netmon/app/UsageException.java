package netmon.app;

/** A command line that cannot be run: reported as one {@code error: ...} line and exit status 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
