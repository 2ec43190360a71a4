package netmon.engine.reliability;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import netmon.engine.monitor.MonitorListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchdog: a callback that blocks the loop for 2 s is logged with the reactor's stack and reported. */
@Timeout(30)
class WatchdogTest {
    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception { h.close(); }

    record Blocked(long millis, String stack, String thread) {}

    /** A callback that must never be written: it holds the loop. */
    static void sleepOnTheLoop(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void callbackSleepingTwoSecondsIsLoggedWithTheReactorStackAndReportedOnce() throws Exception {
        List<Blocked> reports = new CopyOnWriteArrayList<>();
        h.reactor.monitor().add(new MonitorListener() {
            @Override public void reactorBlocked(long millis, String stack) {
                reports.add(new Blocked(millis, stack, Thread.currentThread().getName()));
            }
        });
        // slf4j-simple looks System.err up on each message, so the warning can be captured here.
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        try {
            h.reactor.callFromThread(() -> sleepOnTheLoop(2000));
            assertTrue(Harness.await(4000, () -> !reports.isEmpty()), "the stall is reported while it lasts");
            long detectedAfter = (System.nanoTime() - start) / 1_000_000;
            assertTrue(detectedAfter < 1900, "detected during the stall, after " + detectedAfter + " ms");
            // The loop is free again afterwards, and one stall gives one report.
            assertEquals(Integer.valueOf(1), h.on(() -> 1));
            Thread.sleep(300);
        } finally {
            System.setErr(saved);
        }
        assertEquals(1, reports.size(), "one report per stall: " + reports);
        Blocked b = reports.get(0);
        assertTrue(b.millis() >= 1000, "blocked for at least the 1 s threshold: " + b.millis());
        assertTrue(b.stack().contains("sleepOnTheLoop"), "the stack shows the blocking callback:\n" + b.stack());
        assertEquals("netmon-watchdog", b.thread(), "reported from the watchdog, the loop being stuck");
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("WARN") && log.contains("reliability-reactor blocked for"), "a warning is logged:\n" + log);
        assertTrue(log.contains("WatchdogTest.sleepOnTheLoop"), "the warning carries the reactor thread's stack:\n" + log);
    }

    @Test
    void busyButResponsiveLoopIsNotReported() throws Exception {
        List<Long> reports = new CopyOnWriteArrayList<>();
        h.reactor.monitor().add(new MonitorListener() {
            @Override public void reactorBlocked(long millis, String stack) { reports.add(millis); }
        });
        // 2.5 s of short callbacks back to back: busy, never blocked for a whole second at a time.
        long end = System.nanoTime() + 2_500_000_000L;
        while (System.nanoTime() < end) {
            h.on(() -> {
                sleepOnTheLoop(20);
                return null;
            });
        }
        Thread.sleep(300);
        assertEquals(List.of(), reports);
    }

    @Test
    void thresholdIsSettable() throws Exception {
        List<Long> reports = new CopyOnWriteArrayList<>();
        h.reactor.monitor().add(new MonitorListener() {
            @Override public void reactorBlocked(long millis, String stack) { reports.add(millis); }
        });
        h.reactor.setWatchdogThreshold(0.2);
        h.on(() -> {
            sleepOnTheLoop(600);
            return null;
        });
        assertTrue(Harness.await(2000, () -> !reports.isEmpty()), "a 600 ms stall crosses a 200 ms threshold");
        assertTrue(reports.get(0) >= 200, "reported after the threshold: " + reports);
        assertThrows(IllegalArgumentException.class, () -> h.reactor.setWatchdogThreshold(0));
    }
}
