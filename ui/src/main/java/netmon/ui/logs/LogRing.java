package netmon.ui.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A bounded ring of log lines: the newest {@code capacity} lines are kept, older ones counted as dropped.
 * Any thread appends; the log pane reads what is new since the last sequence number it saw.
 */
public final class LogRing {
    private final int capacity;
    private final LongSupplier clock;
    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private long next;
    private LogLine.Level lastLevel = LogLine.Level.INFO;

    /** A ring of {@code capacity} lines on the wall clock. */
    public LogRing(int capacity) { this(capacity, System::currentTimeMillis); }

    /** A ring with an explicit clock. */
    public LogRing(int capacity, LongSupplier clock) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Lines kept at most. */
    public int capacity() { return capacity; }

    /** Adds one line, working out its level from slf4j-simple's {@code [thread] LEVEL logger - message} shape. */
    public synchronized void add(String text) {
        LogLine.Level level = levelOf(text);
        if (level == null) level = lastLevel; // a stack-trace or wrapped line belongs to the entry above
        else lastLevel = level;
        lines.addLast(new LogLine(next++, clock.getAsLong(), level, text));
        while (lines.size() > capacity) lines.removeFirst();
    }

    /** Lines with a sequence number above {@code afterSeq}, oldest first. */
    public synchronized List<LogLine> since(long afterSeq) {
        ArrayList<LogLine> out = new ArrayList<>();
        Iterator<LogLine> it = lines.descendingIterator();
        while (it.hasNext()) {
            LogLine l = it.next();
            if (l.seq() <= afterSeq) break;
            out.add(l);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** Lines dropped from the front so far. */
    public synchronized long dropped() { return next - lines.size(); }

    /** The level in an slf4j-simple line, or null if it has none (a continuation line). */
    static LogLine.Level levelOf(String text) {
        int i = 0;
        if (text.startsWith("[")) {
            int close = text.indexOf("] ");
            if (close < 0) return null;
            i = close + 2;
        } else {
            // slf4j-simple with a date or without the thread name: the level is the first word that is one
            int sp = text.indexOf(' ');
            if (sp > 0 && sp < 40 && parse(text.substring(0, sp)) == null) {
                int sp2 = text.indexOf(' ', sp + 1);
                if (sp2 > 0) {
                    LogLine.Level l = parse(text.substring(sp + 1, sp2));
                    if (l != null) return l;
                }
            }
        }
        int end = text.indexOf(' ', i);
        return end < 0 ? null : parse(text.substring(i, end));
    }

    private static LogLine.Level parse(String w) {
        return switch (w) {
            case "TRACE" -> LogLine.Level.TRACE;
            case "DEBUG" -> LogLine.Level.DEBUG;
            case "INFO" -> LogLine.Level.INFO;
            case "WARN" -> LogLine.Level.WARN;
            case "ERROR" -> LogLine.Level.ERROR;
            default -> null;
        };
    }
}
