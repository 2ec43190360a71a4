package netmon.ui.deferreds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.monitor.MonitorHub;
import netmon.ui.deferreds.StepInfo.StepState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real Deferreds reporting through the process-wide hub to a tracker. */
class DeferredTrackerTest {
    DeferredTracker tracker = new DeferredTracker();

    @BeforeEach
    void watch() { MonitorHub.deferreds().add(tracker); }

    @AfterEach
    void unwatch() { MonitorHub.deferreds().remove(tracker); }

    static List<StepState> states(DeferredInfo i) { return i.steps().stream().map(StepInfo::state).toList(); }

    @Test
    void aNestedDeferredPausesTheChainUntilItFiresAndAFailureTakesTheErrbackPath() {
        Deferred<String> inner = new Deferred<>();
        inner.setLabel("inner");
        Deferred<String> outer = new Deferred<>();
        outer.setLabel("outer");
        outer.addCallback("fetch", v -> inner);
        outer.addCallback("parse", v -> { throw new IllegalStateException("bad reply " + v); });
        outer.addErrback("log", f -> f);
        outer.callback("go");

        DeferredInfo o = tracker.get(outer.id());
        assertEquals(DeferredState.WAITING, o.state());
        assertEquals(inner.id(), o.waitingOn());
        assertEquals(List.of(StepState.WAITING, StepState.PENDING, StepState.PENDING), states(o));
        assertEquals(inner.id(), o.steps().get(0).otherId(), "the waiting step links to the inner Deferred");
        DeferredInfo in = tracker.get(inner.id());
        assertEquals(DeferredState.PENDING, in.state());
        assertEquals(StepState.PENDING, in.steps().get(0).state());
        assertEquals(outer.id(), in.steps().get(0).otherId(), "the inner one's continuation names the outer one");

        inner.callback("reply");
        o = tracker.get(outer.id());
        assertEquals(List.of(StepState.RESUMED, StepState.FAILED_ON_CALLBACK, StepState.FAILED_ON_ERRBACK), states(o));
        assertEquals(DeferredState.FAILED, o.state());
        assertTrue(o.unhandled());
        assertTrue(o.result().contains("IllegalStateException"), o.result());
        assertEquals(StepState.CONTINUATION, tracker.get(inner.id()).steps().get(0).state());
        assertEquals(DeferredState.SUCCEEDED, tracker.get(inner.id()).state());

        outer.addErrback("handle", f -> "recovered");
        o = tracker.get(outer.id());
        assertFalse(o.unhandled(), "a later errback clears the flag");
        assertEquals(StepState.RAN_ERRBACK, o.steps().get(3).state());
        assertEquals("recovered", o.steps().get(3).result());
    }

    @Test
    void cancelledDeferredIsMarkedAndFailsWithCancelledError() {
        Deferred<String> d = new Deferred<>();
        d.addErrback("trap", f -> null);
        d.cancel();
        DeferredInfo i = tracker.get(d.id());
        assertTrue(i.cancelled());
        assertTrue(i.firedWithFailure());
        assertEquals(StepState.RAN_ERRBACK, i.steps().get(0).state());
        assertEquals(DeferredState.RECOVERED, i.state());
    }

    @Test
    void endedDeferredsAreBoundedOldestFirstAndDrainReportsRemovals() {
        DeferredTracker small = new DeferredTracker(10, 3);
        MonitorHub.deferreds().add(small);
        try {
            long first = 0;
            for (int i = 0; i < 5; i++) {
                Deferred<Integer> d = Deferred.succeed(i);
                if (i == 0) first = d.id();
            }
            assertEquals(3, small.endedCount());
            assertNull(small.get(first));
            DeferredTracker.Changes c = small.drain();
            assertEquals(3, c.changed().size());
            assertTrue(c.removed().contains(first));
            for (int i = 0; i < 12; i++) new Deferred<Integer>();
            assertEquals(10, small.liveCount());
            assertEquals(2, small.drain().forgottenLive());
        } finally {
            MonitorHub.deferreds().remove(small);
        }
    }

    @Test
    void viewModelFiltersPendingFailedAndSlowAndFollowsLinks() {
        long[] now = {System.nanoTime()};
        DeferredsViewModel vm = new DeferredsViewModel(tracker, () -> now[0], () -> 1);
        Deferred<String> pending = new Deferred<>();
        Deferred<String> failed = Deferred.fail(new RuntimeException("x"));
        Deferred<String> ok = Deferred.succeed("y");
        vm.pulse();
        assertNotNull(vm.row(pending.id()));
        assertEquals(ok.id(), vm.rows().get(0).id(), "newest first");
        vm.filterProperty().set(DeferredsViewModel.Filter.PENDING);
        assertTrue(vm.shown().stream().anyMatch(r -> r.id() == pending.id()));
        assertFalse(vm.shown().stream().anyMatch(r -> r.id() == ok.id()));
        vm.filterProperty().set(DeferredsViewModel.Filter.FAILED);
        assertEquals(List.of(failed.id()), vm.shown().stream().map(DeferredRow::id).filter(i -> i >= pending.id()).toList());
        assertTrue(vm.flaggedProperty().get() >= 1);
        assertEquals(1, vm.unhandledProperty().get());
        vm.slowSecondsProperty().set(5);
        vm.filterProperty().set(DeferredsViewModel.Filter.SLOW);
        assertFalse(vm.shown().stream().anyMatch(r -> r.id() == pending.id()));
        now[0] += 6_000_000_000L;
        vm.pulse();
        assertTrue(vm.shown().stream().anyMatch(r -> r.id() == pending.id()), "pending for 6 s > 5 s");
        assertTrue(vm.select(ok.id()));
        assertEquals(DeferredsViewModel.Filter.ALL, vm.filterProperty().get(), "following a link to a hidden row shows all");
        failed.addErrback(f -> null);
        pending.callback("done");
    }

    @Test
    void theViewStaysBoundedUnderManyDeferreds() {
        DeferredTracker small = new DeferredTracker(1_000, 2_000);
        MonitorHub.deferreds().add(small);
        try {
            DeferredsViewModel vm = new DeferredsViewModel(small, System::nanoTime, () -> 0);
            List<Deferred<Integer>> pending = new java.util.ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 4_000; i++) Deferred.succeed(i).addCallback(v -> v + 1);
                for (int i = 0; i < 600; i++) pending.add(new Deferred<>());
                vm.pulse();
            }
            assertEquals(small.liveCount() + small.endedCount(), vm.rows().size(), "rows mirror the tracker");
            assertEquals(3_000, vm.rows().size());
            assertEquals(2_000, vm.forgottenProperty().get(), "3,000 pending, 1,000 kept");
            pending.forEach(d -> d.callback(0));
        } finally {
            MonitorHub.deferreds().remove(small);
        }
    }

    static Object parseReply(Object v) {
        throw new IllegalStateException("bad reply " + v);
    }

    @Test
    void aFailedChainKeepsTheFailuresOriginalStackOnTheStepAndTheEnd() {
        Deferred<Object> d = new Deferred<>();
        d.setLabel("fetch");
        d.addCallback("parse", DeferredTrackerTest::parseReply);
        d.addErrback("log", f -> f);
        d.callback("x");
        DeferredInfo i = tracker.get(d.id());
        assertEquals(DeferredState.FAILED, i.state());
        String stack = i.steps().get(0).failureStack();
        assertTrue(stack.startsWith("java.lang.IllegalStateException: bad reply x"), stack);
        assertTrue(stack.contains("DeferredTrackerTest.parseReply("), stack);
        assertNull(i.steps().get(1).failureStack(), "the errback passed the same failure on");
        assertEquals(stack, i.failureStack(), "the chain ended with that failure");
        assertNull(i.firedStack(), "fired with a value");
        d.addErrback(f -> null);
        assertEquals(DeferredState.RECOVERED, tracker.get(d.id()).state());
    }

    @Test
    void aHugeStackIsCappedWithANote() {
        String big = "java.lang.StackOverflowError\n" + "\tat x.y.recurse(Y.java:1)\n".repeat(5000);
        String c = DeferredTracker.capped(big);
        assertTrue(c.length() < DeferredTracker.MAX_STACK_CHARS + 100, "capped: " + c.length());
        assertTrue(c.startsWith("java.lang.StackOverflowError\n"));
        assertTrue(c.endsWith(" more characters not kept"), c.substring(c.length() - 60));
        assertEquals("short", DeferredTracker.capped("short"));
        assertNull(DeferredTracker.capped(null));
    }
}
