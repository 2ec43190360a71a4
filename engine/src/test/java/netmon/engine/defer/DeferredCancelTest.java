package netmon.engine.defer;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import netmon.engine.testing.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Section B of TWISTED-SEMANTICS.md (items 26-36): DeferredCancellerTests and DeferredAddTimeoutTests. */
@Timeout(10)
class DeferredCancelTest {
    private final List<Object> callbacks = new ArrayList<>();
    private final List<Failure> errbacks = new ArrayList<>();

    private <T> Deferred<T> watched(Deferred<T> d) {
        return d.addCallbacks(v -> { callbacks.add(v); return null; }, f -> { errbacks.add(f); return null; });
    }

    // ---- 26

    @Test
    void cancelWithoutCancellerErrbacksWithCancelledError() {
        Deferred<Object> d = watched(new Deferred<>());
        d.cancel();
        assertEquals(1, errbacks.size());
        assertEquals(CancelledError.class, errbacks.get(0).getType());
    }

    @Test
    void oneLateCallbackAfterCancelIsSwallowedTheSecondRaises() {
        Deferred<Object> d = watched(new Deferred<>());
        d.cancel();
        d.callback("late");
        assertThrows(AlreadyCalledError.class, () -> d.callback("later"));
        assertTrue(callbacks.isEmpty());
    }

    @Test
    void oneLateErrbackAfterCancelIsSwallowedTheSecondRaises() {
        Deferred<Object> d = watched(new Deferred<>());
        d.cancel();
        d.errback(new RuntimeException());
        assertThrows(AlreadyCalledError.class, () -> d.errback(new RuntimeException()));
        assertEquals(1, errbacks.size());
    }

    // ---- 27

    @Test
    void cancellerIsCalledWithTheDeferredAndCancelledErrorFollows() {
        AtomicReference<Deferred<?>> arg = new AtomicReference<>();
        Deferred<Object> d = watched(new Deferred<>(arg::set));
        d.cancel();
        assertSame(d, arg.get());
        assertEquals(CancelledError.class, errbacks.get(0).getType());
    }

    @Test
    void cancellerThatErrbacksKeepsItsFailure() {
        Deferred<Object> d = watched(new Deferred<>(x -> x.errback(new IllegalStateException("mine"))));
        d.cancel();
        assertEquals("mine", errbacks.get(0).getErrorMessage());
        assertThrows(AlreadyCalledError.class, () -> d.callback(1));
    }

    @Test
    void cancellerThatCallbacksKeepsItsValue() {
        Deferred<Object> d = watched(new Deferred<>(x -> x.callback("by canceller")));
        d.cancel();
        assertEquals(List.of("by canceller"), callbacks);
        assertTrue(errbacks.isEmpty());
    }

    @Test
    void lateFireAfterCancellerCancelRaisesAlreadyCalled() {
        Deferred<Object> d = watched(new Deferred<>(x -> {}));
        d.cancel();
        assertThrows(AlreadyCalledError.class, () -> d.callback("late"));
    }

    @Test
    void cancellerIsCalledAtMostOnce() {
        AtomicInteger calls = new AtomicInteger();
        Deferred<Object> d = watched(new Deferred<>(x -> calls.incrementAndGet()));
        d.cancel();
        d.cancel();
        assertEquals(1, calls.get());
        assertEquals(1, errbacks.size());
    }

    // ---- 28

    @Test
    void cancelAfterCallbackDoesNothing() {
        AtomicInteger calls = new AtomicInteger();
        Deferred<Object> d = watched(new Deferred<>(x -> calls.incrementAndGet()));
        d.callback("done");
        d.cancel();
        assertEquals(List.of("done"), callbacks);
        assertEquals(0, calls.get());
    }

    @Test
    void cancelAfterErrbackDoesNothing() {
        Deferred<Object> d = watched(new Deferred<>());
        d.errback(new IllegalStateException("first"));
        d.cancel();
        assertEquals(1, errbacks.size());
        assertEquals("first", errbacks.get(0).getErrorMessage());
    }

    @Test
    void repeatedCancelWithoutCancellerIsHarmless() {
        Deferred<Object> d = watched(new Deferred<>());
        d.cancel();
        d.cancel();
        d.cancel();
        assertEquals(1, errbacks.size());
    }

    // ---- 29

    @Test
    void cancelIsForwardedToTheNestedDeferred() {
        AtomicInteger innerCancels = new AtomicInteger();
        Deferred<Object> inner = new Deferred<>(x -> innerCancels.incrementAndGet());
        Deferred<Object> outer = new Deferred<>();
        outer.addCallback(v -> inner);
        watched(outer);
        outer.callback(null);
        outer.cancel();
        assertEquals(1, innerCancels.get());
        assertEquals(CancelledError.class, errbacks.get(0).getType());
    }

    // ---- 30

    @Test
    void cancellerIsDroppedOnceFired() throws Exception {
        Object[] holder = {new Object()};
        WeakReference<Object> ref = new WeakReference<>(holder[0]);
        Object captured = holder[0];
        holder[0] = null;
        Deferred<Object> d = makeWithCanceller(captured);
        captured = null;
        d.callback("fired");
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the canceller (and what it captured) must be collectable after firing");
        assertTrue(d.isCalled());
    }

    private static Deferred<Object> makeWithCanceller(Object captured) {
        return new Deferred<>(x -> System.identityHashCode(captured));
    }

    // ---- 31-36 addTimeout

    @Test
    void timeoutCancelsAndTranslatesToTimeoutError() {
        Clock clock = new Clock();
        Deferred<Object> d = new Deferred<>();
        watched(d.addTimeout(10, clock));
        clock.advance(9);
        assertTrue(errbacks.isEmpty());
        clock.advance(1);
        assertEquals(TimeoutError.class, errbacks.get(0).getType());
        assertEquals(10.0, ((TimeoutError) errbacks.get(0).getValue()).timeout());
    }

    @Test
    void successBeforeTimeoutCancelsTheDelayedCall() {
        Clock clock = new Clock();
        AtomicInteger innerCancels = new AtomicInteger();
        Deferred<Object> inner = new Deferred<>(x -> innerCancels.incrementAndGet());
        Deferred<Object> d = new Deferred<>();
        d.addTimeout(10, clock);
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> { seen.add(v); return inner; });
        watched(d);
        d.callback("quick");
        assertEquals(List.of("quick"), seen);
        assertTrue(clock.getDelayedCalls().isEmpty());
        clock.advance(20);
        assertEquals(0, innerCancels.get(), "the timeout must not reach the inner Deferred");
        assertTrue(callbacks.isEmpty() && errbacks.isEmpty(), "still waiting on inner");
        inner.callback("inner done");
        assertEquals(List.of("inner done"), callbacks);
    }

    @Test
    void cancellerValueSurvivesTheTimeout() {
        Clock clock = new Clock();
        Deferred<Object> d = new Deferred<>(x -> x.callback("I was cancelled"));
        watched(d.addTimeout(10, clock));
        clock.advance(15);
        assertEquals(List.of("I was cancelled"), callbacks);
    }

    @Test
    void cancellerFailureOtherThanCancelledErrorSurvivesTheTimeout() {
        Clock clock = new Clock();
        Deferred<Object> d = new Deferred<>(x -> x.errback(new IllegalArgumentException("custom")));
        watched(d.addTimeout(10, clock));
        clock.advance(15);
        assertEquals(IllegalArgumentException.class, errbacks.get(0).getType());
    }

    @Test
    void customTimeoutTranslationReplacesTheDefault() {
        Clock clock = new Clock();
        Deferred<Object> d = new Deferred<>();
        List<Object> args = new ArrayList<>();
        watched(d.addTimeout(10, clock, (r, t) -> { args.add(t); return "OVERRIDDEN"; }));
        clock.advance(10);
        assertEquals(List.of("OVERRIDDEN"), callbacks);
        assertEquals(List.of(10.0), args);
    }

    @Test
    void customTranslationRunsOnlyIfTheTimeoutFired() {
        Clock clock = new Clock();
        Deferred<Object> d = new Deferred<>();
        AtomicInteger ran = new AtomicInteger();
        watched(d.addTimeout(10, clock, (r, t) -> { ran.incrementAndGet(); return r; }));
        d.cancel();
        clock.advance(20);
        assertEquals(0, ran.get());
        assertEquals(CancelledError.class, errbacks.get(0).getType());
    }

    @Test
    void timeoutCoversOnlyCallbacksAddedBefore() {
        Clock clock = new Clock();
        Deferred<Object> d = new Deferred<>();
        List<Class<?>> early = new ArrayList<>();
        d.addErrback(f -> { early.add(f.getType()); return f; });
        watched(d.addTimeout(10, clock));
        clock.advance(10);
        assertEquals(List.of(CancelledError.class), early, "earlier errback sees the raw CancelledError");
        assertEquals(TimeoutError.class, errbacks.get(0).getType());
    }

    @Test
    void earlierErrbackSwallowingCancellationMakesItSucceed() {
        Clock clock = new Clock();
        Deferred<Object> d = new Deferred<>();
        d.addErrback(f -> "swallowed");
        watched(d.addTimeout(10, clock));
        clock.advance(10);
        assertEquals(List.of("swallowed"), callbacks);
    }

    @Test
    void manualCancelBeforeTimeoutKeepsCancelledErrorAndCancelsOnce() {
        Clock clock = new Clock();
        AtomicInteger cancels = new AtomicInteger();
        Deferred<Object> d = new Deferred<>(x -> cancels.incrementAndGet());
        watched(d.addTimeout(10, clock));
        d.cancel();
        clock.advance(20);
        assertEquals(CancelledError.class, errbacks.get(0).getType());
        assertEquals(1, cancels.get());
        assertTrue(clock.getDelayedCalls().isEmpty());
    }
}
