package netmon.engine.testing;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.error.AlreadyCalled;
import netmon.engine.error.AlreadyCancelled;
import netmon.engine.reactor.DelayedCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Items 49-52 as far as the virtual Clock covers them (ClockTests in Twisted's test_task.py). */
@Timeout(10)
class ClockTest {
    private final Clock clock = new Clock();
    private final List<String> ran = new ArrayList<>();

    // ---- 49

    @Test
    void callLaterReturnsAFreshDelayedCallEachTimeAndRejectsNegativeDelay() {
        DelayedCall a = clock.callLater(1, () -> {});
        DelayedCall b = clock.callLater(1, () -> {});
        assertNotSame(a, b);
        assertThrows(IllegalArgumentException.class, () -> clock.callLater(-1, () -> {}));
    }

    // ---- 50

    @Test
    void delayedCallIsActiveUntilRunOrCancelled() {
        DelayedCall a = clock.callLater(1, () -> ran.add("a"));
        DelayedCall b = clock.callLater(1, () -> ran.add("b"));
        assertTrue(a.active());
        assertEquals(1.0, a.getTime());
        b.cancel();
        assertFalse(b.active());
        clock.advance(1);
        assertFalse(a.active());
        assertEquals(List.of("a"), ran);
    }

    @Test
    void cancelResetAndDelayAfterCancelRaiseAlreadyCancelled() {
        DelayedCall c = clock.callLater(1, () -> {});
        c.cancel();
        assertThrows(AlreadyCancelled.class, c::cancel);
        assertThrows(AlreadyCancelled.class, () -> c.reset(1));
        assertThrows(AlreadyCancelled.class, () -> c.delay(1));
    }

    @Test
    void cancelResetAndDelayAfterRunRaiseAlreadyCalled() {
        DelayedCall c = clock.callLater(1, () -> {});
        clock.advance(1);
        assertThrows(AlreadyCalled.class, c::cancel);
        assertThrows(AlreadyCalled.class, () -> c.reset(1));
        assertThrows(AlreadyCalled.class, () -> c.delay(1));
    }

    // ---- 51

    @Test
    void advanceRunsDueCallsInTimeOrderAndEqualTimesInSchedulingOrder() {
        clock.callLater(2, () -> ran.add("2"));
        clock.callLater(1, () -> ran.add("1a"));
        clock.callLater(1, () -> ran.add("1b"));
        clock.callLater(3, () -> ran.add("3"));
        clock.advance(2);
        assertEquals(List.of("1a", "1b", "2"), ran);
        assertEquals(2.0, clock.seconds());
        assertEquals(1, clock.getDelayedCalls().size());
    }

    @Test
    void cancelledCallNeverRuns() {
        DelayedCall c = clock.callLater(1, () -> ran.add("x"));
        c.cancel();
        clock.advance(10);
        assertTrue(ran.isEmpty());
    }

    @Test
    void callsScheduledDuringAdvanceThatAreDueRunInTheSameAdvance() {
        clock.callLater(1, () -> {
            ran.add("outer");
            clock.callLater(0, () -> ran.add("inner now"));
            clock.callLater(5, () -> ran.add("inner later"));
        });
        clock.advance(1);
        assertEquals(List.of("outer", "inner now"), ran);
    }

    @Test
    void delayPostponesACall() {
        DelayedCall c = clock.callLater(1, () -> ran.add("x"));
        c.delay(1);
        clock.advance(1.5);
        assertTrue(ran.isEmpty());
        clock.advance(0.5);
        assertEquals(List.of("x"), ran);
        assertEquals(2.0, c.getTime());
    }

    @Test
    void resetLaterAndSoonerMoveTheCall() {
        DelayedCall later = clock.callLater(2, () -> ran.add("later"));
        DelayedCall sooner = clock.callLater(2, () -> ran.add("sooner"));
        clock.advance(1);
        later.reset(3);
        sooner.reset(0.5);
        clock.advance(0.5);
        assertEquals(List.of("sooner"), ran);
        clock.advance(2.5);
        assertEquals(List.of("sooner", "later"), ran);
    }

    // ---- 52

    @Test
    void callLaterKeepsCallsOrdered() {
        clock.callLater(2, () -> ran.add("2"));
        clock.callLater(1, () -> ran.add("1"));
        assertEquals(List.of(1.0, 2.0), clock.getDelayedCalls().stream().map(DelayedCall::getTime).toList());
    }

    @Test
    void resetKeepsCallsOrdered() {
        DelayedCall a = clock.callLater(1, () -> ran.add("a"));
        clock.callLater(2, () -> ran.add("b"));
        a.reset(3);
        assertEquals(List.of(2.0, 3.0), clock.getDelayedCalls().stream().map(DelayedCall::getTime).toList());
        clock.advance(3);
        assertEquals(List.of("b", "a"), ran);
    }

    @Test
    void resetInsideACallKeepsCallsOrdered() {
        DelayedCall[] later = new DelayedCall[1];
        clock.callLater(1, () -> {
            ran.add("first");
            later[0].reset(3);
        });
        later[0] = clock.callLater(2, () -> ran.add("later"));
        clock.callLater(3, () -> ran.add("third"));
        clock.advance(3);
        assertEquals(List.of("first", "third"), ran);
        // As in Twisted's Clock, time has already moved to 3 when the calls of advance(3) run.
        assertEquals(List.of(6.0), clock.getDelayedCalls().stream().map(DelayedCall::getTime).toList());
        clock.advance(3);
        assertEquals(List.of("first", "third", "later"), ran);
    }
}
