package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import netmon.engine.error.AlreadyCalled;
import netmon.engine.error.AlreadyCancelled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SelectReactorTimeTest {
    private final ReactorFixture fx = new ReactorFixture();
    private final SelectReactor r = fx.reactor;

    @AfterEach
    void tearDown() throws Exception { fx.close(); }

    private void await(CompletableFuture<?> f) throws Exception { f.get(10, TimeUnit.SECONDS); }

    @Test
    void callLaterRunsCallsInTimeOrderAndEqualTimesInSchedulingOrder() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        fx.run(() -> {
            r.callLater(0.06, () -> order.add("c"));
            r.callLater(0.02, () -> order.add("a1"));
            r.callLater(0.02, () -> order.add("a2"));
            r.callLater(0.04, () -> order.add("b"));
            r.callLater(0.08, () -> done.complete(null));
        });
        await(done);
        assertEquals(List.of("a1", "a2", "b", "c"), order);
    }

    @Test
    void eachCallLaterReturnsAFreshActiveCallWithAbsoluteTime() {
        fx.run(() -> {
            double before = r.seconds();
            DelayedCall a = r.callLater(5, () -> {});
            DelayedCall b = r.callLater(5, () -> {});
            assertNotSame(a, b);
            assertTrue(a.active());
            assertTrue(a.getTime() >= before + 5 && a.getTime() < before + 6);
            assertTrue(r.getDelayedCalls().contains(a));
            a.cancel();
            b.cancel();
        });
    }

    @Test
    void eachWakeUpIsRecordedOnTheMonitorHubForWatchersToStampEventsWith() throws Exception {
        CompletableFuture<long[]> seen = new CompletableFuture<>();
        long before = System.nanoTime();
        fx.run(() -> r.callLater(0.03, () -> seen.complete(new long[] {r.monitor().wokeNanos(), System.nanoTime()})));
        long[] t = seen.get(10, TimeUnit.SECONDS);
        // The call ran in the iteration that woke for it: after it was scheduled and 30 ms passed, before it ran.
        assertTrue(t[0] >= before + 30_000_000L, "woke " + (t[0] - before) + " ns after scheduling");
        assertTrue(t[0] <= t[1]);
    }

    @Test
    void negativeDelayIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> fx.run(() -> r.callLater(-0.1, () -> {})));
    }

    @Test
    void cancelledCallNeverRunsAndCancelTwiceRaisesAlreadyCancelled() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        fx.run(() -> {
            DelayedCall c = r.callLater(0.01, () -> ran.add("cancelled one"));
            c.cancel();
            assertFalse(c.active());
            assertThrows(AlreadyCancelled.class, c::cancel);
            assertThrows(AlreadyCancelled.class, () -> c.reset(1));
            assertThrows(AlreadyCancelled.class, () -> c.delay(1));
            assertFalse(r.getDelayedCalls().contains(c));
            r.callLater(0.05, () -> done.complete(null));
        });
        await(done);
        assertTrue(ran.isEmpty());
    }

    @Test
    void calledCallRaisesAlreadyCalledOnCancelResetAndDelay() throws Exception {
        CompletableFuture<DelayedCall> ran = new CompletableFuture<>();
        DelayedCall[] holder = new DelayedCall[1];
        fx.run(() -> holder[0] = r.callLater(0, () -> ran.complete(holder[0])));
        DelayedCall c = ran.get(10, TimeUnit.SECONDS);
        fx.run(() -> {
            assertFalse(c.active());
            assertThrows(AlreadyCalled.class, c::cancel);
            assertThrows(AlreadyCalled.class, () -> c.reset(1));
            assertThrows(AlreadyCalled.class, () -> c.delay(1));
        });
    }

    @Test
    void resetAndDelayReorderTheQueue() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        fx.run(() -> {
            DelayedCall a = r.callLater(0.02, () -> order.add("a"));
            r.callLater(0.05, () -> order.add("b"));
            DelayedCall c = r.callLater(0.5, () -> order.add("c"));
            a.delay(0.06);      // a now at ~0.08
            c.reset(0.01);      // c now first
            r.callLater(0.15, () -> done.complete(null));
        });
        await(done);
        assertEquals(List.of("c", "b", "a"), order);
    }

    @Test
    void resetInsideATimedCallKeepsOrder() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        fx.run(() -> {
            DelayedCall late = r.callLater(1.0, () -> order.add("late"));
            r.callLater(0.03, () -> order.add("middle"));
            r.callLater(0.0, () -> {
                order.add("first");
                late.reset(0.01);
            });
            r.callLater(0.1, () -> done.complete(null));
        });
        await(done);
        assertEquals(List.of("first", "late", "middle"), order);
    }

    @Test
    void callLaterZeroScheduledInsideATimedCallRunsNextIteration() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        fx.run(() -> r.callLater(0, () -> {
            order.add("timed");
            r.callLater(0, () -> {
                order.add("later0");
                done.complete(null);
            });
            // Thread calls run after this iteration's timed calls; the new callLater(0) must wait for
            // the next iteration, so it runs after this one.
            r.callFromThread(() -> order.add("fromThread"));
        }));
        await(done);
        assertEquals(List.of("timed", "fromThread", "later0"), order);
    }

    @Test
    void exceptionInATimedCallIsLoggedAndTheLoopContinues() throws Exception {
        CompletableFuture<Void> after = new CompletableFuture<>();
        fx.run(() -> {
            r.callLater(0, () -> { throw new IllegalStateException("boom (expected by test)"); });
            r.callLater(0.02, () -> after.complete(null));
        });
        await(after);
        assertTrue(r.isRunning());
    }
}
