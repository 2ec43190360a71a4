package netmon.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRingTest {

    @Test
    void levelsAreReadFromSlf4jSimpleLinesAndStackTracesTakeTheirEntrysLevel() {
        LogRing r = new LogRing(10, () -> 0);
        r.add("[main] INFO netmon.x - started");
        r.add("[reactor] ERROR netmon.engine.defer.Deferred - Unhandled error in Deferred");
        r.add("java.lang.IllegalStateException: boom");
        r.add("\tat netmon.Foo.bar(Foo.java:1)");
        r.add("[main] WARN netmon.y - careful");
        r.add("2026-11-22 10:00:00 DEBUG netmon.z - with a date");
        assertEquals(List.of(LogLine.Level.INFO, LogLine.Level.ERROR, LogLine.Level.ERROR, LogLine.Level.ERROR, LogLine.Level.WARN,
                LogLine.Level.DEBUG), r.since(-1).stream().map(LogLine::level).toList());
    }

    @Test
    void theRingKeepsTheNewestLinesAndReportsOnlyNewOnes() {
        LogRing r = new LogRing(3, () -> 0);
        for (int i = 0; i < 5; i++) r.add("[t] INFO x - " + i);
        List<LogLine> all = r.since(-1);
        assertEquals(List.of(2L, 3L, 4L), all.stream().map(LogLine::seq).toList());
        assertEquals(2, r.dropped());
        assertEquals(1, r.since(3).size());
    }

    @Test
    void theTeeWritesThroughAndSplitsLinesAcrossWrites() {
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        LogRing r = new LogRing(10, () -> 0);
        PrintStream err = new PrintStream(new LogCapture(original, r), true, StandardCharsets.UTF_8);
        err.print("[main] INFO a - hel");
        err.print("lo\r\n[main] WARN b - wörld\n");
        err.print("[main] INFO c - unfinished");
        assertEquals("[main] INFO a - hello\r\n[main] WARN b - wörld\n[main] INFO c - unfinished", original.toString(StandardCharsets.UTF_8));
        List<LogLine> lines = r.since(-1);
        assertEquals(List.of("[main] INFO a - hello", "[main] WARN b - wörld"), lines.stream().map(LogLine::text).toList());
        assertTrue(LogPane.text(lines).endsWith("[main] WARN b - wörld\n"));
    }
}
