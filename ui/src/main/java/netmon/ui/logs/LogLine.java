package netmon.ui.logs;

/**
 * One line of the application's log as written to stderr.
 *
 * @param seq        position in the capture, from 0
 * @param timeMillis when it was written
 * @param level      its level (a continuation line, e.g. of a stack trace, takes its entry's level)
 * @param text       the line, without its line break
 */
public record LogLine(long seq, long timeMillis, Level level, String text) {
    /** slf4j's levels, least severe first. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }
}
