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
        String t = text;
        if (t.startsWith("[")) {
            // slf4j-simple's default: [thread] LEVEL logger - message
            int close = t.indexOf("] ");
            if (close < 0) return null;
            int end = t.indexOf(' ', close + 2);
            return end < 0 ? null : parse(t.substring(close + 2, end));
        }
        if (t.startsWith("\t") || t.startsWith(" ")) return null; // stack frames and wrapped lines
        // With a date and time first (showDateTime): the level is one of the first few words.
        String[] words = t.split(" ", 6);
        for (int i = 0; i < Math.min(5, words.length - 1); i++) {
            LogLine.Level l = parse(words[i]);
            if (l != null) return l;
        }
        return null;
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
