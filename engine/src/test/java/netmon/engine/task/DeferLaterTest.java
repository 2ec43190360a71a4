package netmon.engine.task;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import netmon.engine.defer.CancelledError;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.testing.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Item 58: deferLater, ported from Twisted's DeferLaterTests. */
@Timeout(10)
class DeferLaterTest {
    private final Clock clock = new Clock();

    private static AtomicReference<Object> outcome(Deferred<?> d) {
        AtomicReference<Object> out = new AtomicReference<>();
        d.addBoth(r -> { out.set(r); return null; });
        return out;
    }

    @Test
    void firesWithTheFunctionsResultAfterTheDelay() {
        List<String> calls = new ArrayList<>();
        AtomicReference<Object> out = outcome(Task.deferLater(clock, 3, () -> { calls.add("called"); return "result"; }));
        clock.advance(2);
        assertTrue(calls.isEmpty());
        assertNull(out.get());
        clock.advance(1);
        assertEquals(List.of("called"), calls);
        assertEquals("result", out.get());
    }

    @Test
    void exceptionFromTheFunctionFailsIt() {
        AtomicReference<Object> out = outcome(Task.deferLater(clock, 1, () -> { throw new IllegalStateException("late boom"); }));
        clock.advance(1);
        assertEquals("late boom", ((Failure) out.get()).getErrorMessage());
    }

    @Test
    void cancellingCancelsTheDelayedCallAndNeverCallsTheFunction() {
        List<String> calls = new ArrayList<>();
        Deferred<String> d = Task.deferLater(clock, 1, () -> { calls.add("called"); return "x"; });
        AtomicReference<Object> out = outcome(d);
        assertEquals(1, clock.getDelayedCalls().size());
        d.cancel();
        assertTrue(clock.getDelayedCalls().isEmpty());
        assertEquals(CancelledError.class, ((Failure) out.get()).getType());
        clock.advance(5);
        assertTrue(calls.isEmpty());
    }

    @Test
    void withoutAFunctionItFiresWithNull() {
        Deferred<Void> d = Task.deferLater(clock, 1);
        List<String> seen = new ArrayList<>();
        d.addCallback(v -> seen.add(String.valueOf(v)));
        clock.advance(1);
        assertEquals(List.of("null"), seen);
        assertTrue(d.label().startsWith("deferLater"));
    }
}
