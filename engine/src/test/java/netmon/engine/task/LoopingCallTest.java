package netmon.engine.task;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.testing.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Items 54-57: LoopingCall, ported from Twisted's test_task.py LoopTests. */
@Timeout(10)
class LoopingCallTest {
    private final Clock clock = new Clock();

    private static AtomicReference<Object> outcome(Deferred<?> d) {
        AtomicReference<Object> out = new AtomicReference<>();
        d.addBoth(r -> { out.set(r); return null; });
        return out;
    }

    // ---- 54

    @Test
    void startWithNowCallsAtOnceThenEveryIntervalAndStopFiresWithTheLoop() {
        List<Double> calls = new ArrayList<>();
        LoopingCall lc = new LoopingCall(clock, () -> calls.add(clock.seconds()));
        AtomicReference<Object> done = outcome(lc.start(0.1));
        assertEquals(1, calls.size(), "called synchronously inside start()");
        clock.pump(0.05, 0.1, 0.1);
        assertEquals(3, calls.size());
        assertNull(done.get());
        lc.stop();
        assertSame(lc, done.get());
        assertFalse(lc.isRunning());
    }

    @Test
    void delayedStartCallsFirstAfterOneInterval() {
        List<Double> calls = new ArrayList<>();
        LoopingCall lc = new LoopingCall(clock, () -> calls.add(clock.seconds()));
        AtomicReference<Object> done = outcome(lc.start(0.1, false));
        assertTrue(calls.isEmpty());
        clock.pump(0.05, 0.1, 0.1);
        assertEquals(2, calls.size());
        lc.stop();
        assertSame(lc, done.get());
    }

    @Test
    void exceptionFromFunctionFailsTheStartDeferredAndStops() {
        LoopingCall lc = new LoopingCall(clock, () -> { throw new ArithmeticException("div"); });
        AtomicReference<Object> done = outcome(lc.start(0.1));
        assertEquals(ArithmeticException.class, ((Failure) done.get()).getType());
        assertFalse(lc.isRunning());
    }

    @Test
    void failingAfterStoppingStillFailsTheStartDeferred() {
        LoopingCall[] lc = new LoopingCall[1];
        lc[0] = new LoopingCall(clock, () -> {
            lc[0].stop();
            throw new ArithmeticException("after stop");
        });
        AtomicReference<Object> done = outcome(lc[0].start(0.1));
        assertEquals("after stop", ((Failure) done.get()).getErrorMessage());
        assertFalse(lc[0].isRunning());
    }

    @Test
    void failingDeferredFromFunctionPropagatesToStartDeferred() {
        Deferred<Object> inner = new Deferred<>();
        LoopingCall lc = new LoopingCall(clock, () -> inner);
        AtomicReference<Object> done = outcome(lc.start(1));
        assertNull(done.get());
        inner.errback(new IllegalStateException("inner"));
        assertEquals("inner", ((Failure) done.get()).getErrorMessage());
        assertFalse(lc.isRunning());
    }

    // ---- 55

    @Test
    void intervalsOverrunByTheCallbackAreSkipped() {
        List<Double> times = new ArrayList<>();
        double[] duration = {2};
        LoopingCall lc = new LoopingCall(clock, () -> {
            times.add(clock.seconds());
            clock.advance(duration[0]);
        });
        lc.start(0.5);
        assertEquals(List.of(0.0), times);
        assertEquals(2.0, clock.seconds());
        clock.advance(0);
        assertEquals(List.of(0.0), times);
        duration[0] = 1;
        clock.advance(0.5);
        assertEquals(List.of(0.0, 2.5), times);
        assertEquals(3.5, clock.seconds());
        clock.advance(0);
        assertEquals(List.of(0.0, 2.5), times);
        duration[0] = 0;
        clock.advance(0.5);
        assertEquals(List.of(0.0, 2.5, 4.0), times);
        assertEquals(4.0, clock.seconds());
    }

    @Test
    void intervalsOverrunByTheReactorAreSkippedNotBunched() {
        List<Double> times = new ArrayList<>();
        LoopingCall lc = new LoopingCall(clock, () -> times.add(clock.seconds()));
        lc.start(0.5);
        assertEquals(List.of(0.0), times);
        clock.advance(2);
        assertEquals(List.of(0.0, 2.0), times);
        clock.advance(1);
        assertEquals(List.of(0.0, 2.0, 3.0), times);
        clock.advance(0);
        assertEquals(List.of(0.0, 2.0, 3.0), times);
    }

    // ---- 56

    @Test
    void withCountPassesTheNumberOfIntervalsCrossed() {
        List<String> times = new ArrayList<>();
        LoopingCall lc = LoopingCall.withCount(clock, n -> times.add(clock.seconds() + ":" + n));
        double interval = 0.5, delay = 0.01;
        lc.start(interval);
        assertEquals(List.of("0.0:1"), times);
        clock.advance(interval + delay);
        assertEquals(List.of("0.0:1", (interval + delay) + ":1"), times);
        clock.advance(3 * interval + delay);
        assertEquals(List.of("0.0:1", (interval + delay) + ":1", (clock.seconds()) + ":3"), times);
        clock.advance(0);
        assertEquals(3, times.size());
    }

    @Test
    void withCountCountsLengthyIntervals() {
        List<String> times = new ArrayList<>();
        LoopingCall lc = LoopingCall.withCount(clock, n -> times.add(clock.seconds() + ":" + n));
        lc.start(0.5);
        assertEquals("0.0:1", times.remove(times.size() - 1));
        clock.advance(1.0);
        assertEquals("1.0:2", times.remove(times.size() - 1));
        clock.advance(1.0);
        assertEquals("2.0:2", times.remove(times.size() - 1));
    }

    @Test
    void withCountSurvivesFloatingPointBoundaries() {
        int count = 10;
        double timespan = 1;
        double interval = timespan / count;
        long[] accumulated = {0};
        LoopingCall lc = LoopingCall.withCount(clock, n -> accumulated[0] += n);
        lc.start(interval, false);
        for (int i = 0; i < count; i++) clock.advance(interval);
        double sum = 0;
        for (int i = 0; i < count; i++) sum += interval;
        double epsilon = timespan - sum;
        clock.advance(epsilon);
        assertTrue(Math.abs(epsilon) > 0, "the test needs a rounding error to be meaningful");
        assertEquals(timespan, clock.seconds());
        assertEquals(count, accumulated[0]);
    }

    @Test
    void withCountIntervalZeroAlwaysCountsOne() {
        List<Long> counts = new ArrayList<>();
        LoopingCall[] lc = new LoopingCall[1];
        lc[0] = LoopingCall.withCount(clock, n -> {
            counts.add(n);
            if (counts.size() > 4) lc[0].stop();
            return null;
        });
        AtomicReference<Object> done = outcome(lc[0].start(0, false));
        clock.advance(0);
        assertSame(lc[0], done.get());
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), counts);
    }

    @Test
    void withCountIntervalZeroWaitsForADeferredWithoutCountingTheDelay() {
        Deferred<Object> wait = new Deferred<>();
        List<Long> counts = new ArrayList<>();
        LoopingCall[] lc = new LoopingCall[1];
        lc[0] = LoopingCall.withCount(clock, n -> {
            counts.add(n);
            if (counts.size() == 2) return wait;
            if (counts.size() > 4) lc[0].stop();
            return null;
        });
        lc[0].start(0, false);
        clock.advance(0);
        assertEquals(List.of(1L, 1L), counts);
        clock.advance(2);
        assertEquals(List.of(1L, 1L), counts);
        wait.callback(null);
        clock.advance(0);
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), counts);
        assertFalse(lc[0].isRunning());
    }

    // ---- 57

    @Test
    void nextCallWaitsForTheDeferredTheFunctionReturned() {
        LoopingCall[] lc = new LoopingCall[1];
        lc[0] = new LoopingCall(clock, () -> {
            Deferred<Object> d = new Deferred<>();
            d.addCallback(x -> { lc[0].stop(); return null; });
            clock.callLater(1, () -> d.callback(null));
            return d;
        });
        AtomicReference<Object> done = outcome(lc[0].start(0.2));
        clock.pump(0.2, 0.8);
        assertTrue(clock.getDelayedCalls().isEmpty());
        assertSame(lc[0], done.get());
    }

    @Test
    void stopAtOnceAfterStartWithIntervalZero() {
        LoopingCall lc = new LoopingCall(clock, () -> null);
        AtomicReference<Object> done = outcome(lc.start(0));
        lc.stop();
        assertSame(lc, done.get());
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void stopBeforeDelayedStartLeavesNothingScheduled() {
        LoopingCall lc = new LoopingCall(clock, () -> fail("never called"));
        lc.start(10, false);
        lc.stop();
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void stopFromAReactorCallbackPreventsLaterCalls() {
        List<String> calls = new ArrayList<>();
        LoopingCall lc = new LoopingCall(clock, () -> calls.add("called"));
        lc.start(1, false);
        clock.callLater(0, lc::stop);
        clock.advance(0);
        clock.advance(5);
        assertTrue(calls.isEmpty());
    }

    @Test
    void startWhileRunningAndStopWhileStoppedAreErrors() {
        LoopingCall lc = new LoopingCall(clock, () -> null);
        assertThrows(IllegalStateException.class, lc::stop);
        lc.start(1);
        assertThrows(IllegalStateException.class, () -> lc.start(1));
        lc.stop();
        assertThrows(IllegalStateException.class, lc::stop);
    }

    @Test
    void negativeIntervalIsRejected() {
        LoopingCall lc = new LoopingCall(clock, () -> null);
        assertThrows(IllegalArgumentException.class, () -> lc.start(-1));
        assertFalse(lc.isRunning());
    }

    @Test
    void resetRestartsTheIntervalFromNow() {
        List<Object> ran = new ArrayList<>();
        LoopingCall lc = new LoopingCall(clock, () -> ran.add("ran"));
        lc.start(2, false);
        clock.advance(1);
        lc.reset();
        clock.advance(1);
        assertTrue(ran.isEmpty());
        clock.advance(1);
        assertEquals(List.of("ran"), ran);
    }

    @Test
    void intervalZeroSchedulesACallLaterZeroEachTime() {
        List<Object> ran = new ArrayList<>();
        LoopingCall lc = new LoopingCall(clock, () -> ran.add("ran"));
        lc.start(0);
        assertEquals(1, ran.size());
        assertEquals(1, clock.getDelayedCalls().size());
        assertEquals(0.0, clock.getDelayedCalls().get(0).getTime());
        lc.stop();
    }
}
