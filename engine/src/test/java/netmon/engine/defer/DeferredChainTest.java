package netmon.engine.defer;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Section A of TWISTED-SEMANTICS.md (items 1-22, 25), ported from Twisted's test_defer.py. */
@Timeout(10)
class DeferredChainTest {

    @AfterEach
    void debugOff() { Deferreds.setDebugging(false); }

    // ---- 1. fire once

    @Test
    void secondCallbackRaisesAlreadyCalled() {
        Deferred<Object> d = new Deferred<>();
        d.callback(1);
        assertThrows(AlreadyCalledError.class, () -> d.callback(2));
    }

    @Test
    void errbackAfterCallbackRaisesAlreadyCalled() {
        Deferred<Object> d = new Deferred<>();
        d.callback(1);
        assertThrows(AlreadyCalledError.class, () -> d.errback(new RuntimeException()));
    }

    @Test
    void callbackAfterErrbackRaisesAlreadyCalled() {
        Deferred<Object> d = new Deferred<>();
        d.addErrback(f -> null);
        d.errback(new RuntimeException());
        assertThrows(AlreadyCalledError.class, () -> d.callback(1));
    }

    @Test
    void secondErrbackRaisesAlreadyCalled() {
        Deferred<Object> d = new Deferred<>();
        d.addErrback(f -> null);
        d.errback(new RuntimeException());
        assertThrows(AlreadyCalledError.class, () -> d.errback(new RuntimeException()));
    }

    // ---- 2. debug info

    @Test
    void alreadyCalledErrorNamesCreatorAndFirstInvokerWhenDebugging() {
        Deferreds.setDebugging(true);
        Deferred<Object> d = new Deferred<>();
        d.callback(1);
        AlreadyCalledError e = assertThrows(AlreadyCalledError.class, () -> d.callback(2));
        assertTrue(e.getMessage().contains(" C:"), e.getMessage());
        assertTrue(e.getMessage().contains(" I:"), e.getMessage());
        assertTrue(e.getMessage().contains("alreadyCalledErrorNamesCreatorAndFirstInvokerWhenDebugging"));
    }

    @Test
    void alreadyCalledErrorHasNoStacksWithoutDebugging() {
        Deferred<Object> d = new Deferred<>();
        d.callback(1);
        AlreadyCalledError e = assertThrows(AlreadyCalledError.class, () -> d.callback(2));
        assertFalse(e.getMessage().contains(" C:"));
        assertFalse(e.getMessage().contains(" I:"));
    }

    @Test
    void switchingDebuggingAffectsDeferredsCreatedAfterwards() {
        Deferreds.setDebugging(true);
        Deferred<Object> on = new Deferred<>();
        Deferreds.setDebugging(false);
        Deferred<Object> off = new Deferred<>();
        on.callback(1);
        off.callback(1);
        assertTrue(assertThrows(AlreadyCalledError.class, () -> on.callback(2)).getMessage().contains(" C:"));
        assertFalse(assertThrows(AlreadyCalledError.class, () -> off.callback(2)).getMessage().contains(" C:"));
        assertTrue(Deferreds.isDebugging() == false);
    }

    // ---- 3. adds after firing run at once, and return the same Deferred

    @Test
    void callbacksAddedAfterFiringRunBeforeAddReturns() {
        Deferred<Object> d = Deferred.succeed("x");
        List<Object> seen = new ArrayList<>();
        Deferred<Object> same = d.addCallback(v -> { seen.add(v); return v; })
                .addBoth(v -> { seen.add("both " + v); return v; })
                .addErrback(f -> { seen.add("never"); return null; })
                .addCallbacks(v -> { seen.add("pair " + v); return v; }, f -> null);
        assertSame(d, same);
        assertEquals(List.of("x", "both x", "pair x"), seen);
    }

    // ---- 4. result threading

    @Test
    void eachCallbackGetsThePreviousCallbacksResult() {
        // Deferred<Object>: the chain changes the result's type, which Java's Deferred<T> cannot track.
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> (Integer) v + 1).addCallback(v -> { seen.add(v); return "two"; }).addCallback(v -> seen.add(v));
        d.callback(1);
        assertEquals(List.of(2, "two"), seen);
    }

    @Test
    void extraArgumentsAreCapturedByTheClosure() {
        // Twisted's callbackArgs/callbackKeywords: in Java the lambda closes over them.
        String extra = "arg";
        AtomicReference<String> seen = new AtomicReference<>();
        Deferred<String> d = new Deferred<>();
        d.addCallback(v -> { seen.set(v + ":" + extra); return v; });
        d.callback("r");
        assertEquals("r:arg", seen.get());
    }

    // ---- 5, 6, 7, 8, 9, 10 paths

    @Test
    void exceptionThrownByCallbackSwitchesToErrbackPath() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> { throw new IllegalStateException("boom"); })
         .addCallback(v -> seen.add("callback"))
         .addErrback(f -> seen.add(f.getValue()));
        d.callback(1);
        assertEquals(1, seen.size());
        assertEquals("boom", ((IllegalStateException) seen.get(0)).getMessage());
    }

    @Test
    void callbackReturningFailureSwitchesToErrbackPath() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> Failure.of(new IllegalStateException("returned")))
         .addCallbacks(v -> seen.add("callback"), f -> seen.add(f.getErrorMessage()));
        d.callback(1);
        assertEquals(List.of("returned"), seen);
    }

    @Test
    void errbackReturningValueRecovers() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> "recovered").addCallback(v -> seen.add(v));
        d.errback(new RuntimeException());
        assertEquals(List.of("recovered"), seen);
    }

    @Test
    void errbackReturningNullRecoversWithNull() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> null).addCallback(v -> seen.add(String.valueOf(v)));
        d.errback(new RuntimeException());
        assertEquals(List.of("null"), seen);
    }

    @Test
    void errbackThatRethrowsOrReturnsTheFailureStaysOnErrbackPath() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> { throw f.raise(); })
         .addErrback(f -> f)
         .addErrback(f -> { f.trap(ArithmeticException.class); return "wrong"; })
         .addCallbacks(v -> seen.add("callback " + v), f -> seen.add("errback " + f.getErrorMessage()));
        d.errback(new IllegalArgumentException("kept"));
        assertEquals(List.of("errback kept"), seen);
    }

    @Test
    void exceptionFromCallbackIsNotSeenByItsOwnPairsErrback() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallbacks(v -> { throw new IllegalStateException("x"); }, f -> seen.add("same pair"))
         .addErrback(f -> seen.add("later"));
        d.callback(1);
        assertEquals(List.of("later"), seen);
    }

    @Test
    void callbackWithFailureIsErrback() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallbacks(v -> seen.add("callback"), f -> seen.add("errback"));
        d.callback(Failure.of(new RuntimeException()));
        assertEquals(List.of("errback"), seen);
    }

    @Test
    void errbackWrapsTheExceptionInAFailureKeepingItsStack() {
        Deferred<Object> d = new Deferred<>();
        RuntimeException e = new RuntimeException("orig");
        AtomicReference<Failure> got = new AtomicReference<>();
        d.addErrback(f -> { got.set(f); return null; });
        d.errback(e);
        assertSame(e, got.get().getValue());
        assertTrue(got.get().getTraceback().contains("errbackWrapsTheExceptionInAFailureKeepingItsStack"));
    }

    @Test
    void errbackWithoutAnExceptionIsRejected() {
        Deferred<Object> d = new Deferred<>();
        assertThrows(NullPointerException.class, () -> d.errback((Throwable) null));
        assertFalse(d.isCalled());
    }

    // ---- 11-14 nesting

    @Test
    void callbackReturningUnfiredDeferredPausesOuterUntilInnerFires() {
        Deferred<Object> outer = new Deferred<>();
        Deferred<Object> inner = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        outer.addCallback(v -> inner).addCallback(v -> seen.add(v));
        outer.callback("a");
        assertTrue(seen.isEmpty());
        assertTrue(outer.isPaused());
        inner.callback("b");
        assertEquals(List.of("b"), seen);
        assertFalse(outer.isPaused());
    }

    @Test
    void innerFailureBecomesOuterFailureWhenInnerFiresLater() {
        Deferred<Object> outer = new Deferred<>();
        Deferred<Object> inner = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        outer.addCallback(v -> inner).addErrback(f -> seen.add(f.getErrorMessage()));
        outer.callback(null);
        inner.errback(new RuntimeException("inner failed"));
        assertEquals(List.of("inner failed"), seen);
        assertNull(inner.currentResult());
        assertFalse(inner.isFailedUnhandled());
    }

    @Test
    void nestedAsynchronousChainedDeferredsRunInOrder() {
        List<String> log = new ArrayList<>();
        Deferred<Object> first = new Deferred<>();
        Deferred<Object> second = new Deferred<>();
        first.addCallback(v -> { log.add("first " + v); return second; });
        first.addCallback(v -> { log.add("first after " + v); return null; });
        second.addCallback(v -> { log.add("second " + v); return "s"; });
        first.callback("go");
        second.callback("two");
        assertEquals(List.of("first go", "second two", "first after s"), log);
    }

    @Test
    void innerWithResultIsUsedAtOnceAndLosesItsResult() {
        Deferred<Object> inner = Deferred.succeed("now");
        Deferred<Object> outer = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        outer.addCallback(v -> inner).addCallback(v -> seen.add(v));
        outer.callback(null);
        assertEquals(List.of("now"), seen);
        assertNull(inner.currentResult());
    }

    @Test
    void innerWithFailureIsUsedAtOnceAndIsNotLeftUnhandled() {
        int before = Deferreds.unhandledCount();
        Deferred<Object> inner = Deferred.fail(new RuntimeException("sync"));
        assertTrue(inner.isFailedUnhandled());
        Deferred<Object> outer = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        outer.addCallback(v -> inner).addErrback(f -> seen.add(f.getErrorMessage()));
        outer.callback(null);
        assertEquals(List.of("sync"), seen);
        assertNull(inner.currentResult());
        assertFalse(inner.isFailedUnhandled());
        assertEquals(before, Deferreds.unhandledCount());
    }

    @Test
    void chainingIsTransitive() {
        Deferred<Object> a = new Deferred<>(), b = new Deferred<>(), c = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        a.addCallback(v -> b).addCallback(v -> seen.add(v));
        b.addCallback(v -> c);
        a.callback(null);
        b.callback(null);
        assertTrue(seen.isEmpty());
        c.callback("c");
        assertEquals(List.of("c"), seen);
    }

    @Test
    void callbackAddedToOuterAfterChainingRunsAfterInnerCallbacks() {
        List<String> order = new ArrayList<>();
        Deferred<Object> outer = new Deferred<>();
        Deferred<Object> inner = new Deferred<>();
        inner.addCallback(v -> order.add("inner"));
        outer.addCallback(v -> inner);
        outer.addCallback(v -> order.add("outer"));
        outer.callback(null);
        inner.callback(null);
        assertEquals(List.of("inner", "outer"), order);
    }

    @Test
    void innerCallbacksAfterTheContinuationRunAfterOuterResumes() {
        // test_continueCallbackNotFirst: the continuation sits in the inner chain where it was added.
        List<String> order = new ArrayList<>();
        Deferred<Object> outer = new Deferred<>();
        Deferred<Object> inner = new Deferred<>();
        inner.addCallback(v -> { order.add("inner before"); return "i"; });
        outer.addCallback(v -> inner).addCallback(v -> order.add("outer got " + v));
        outer.callback(null);
        inner.addCallback(v -> { order.add("inner after got " + v); return v; });
        inner.callback(null);
        assertEquals(List.of("inner before", "outer got i", "inner after got null"), order);
    }

    // ---- 15 bounded stack

    @Test
    void hundredThousandNestedDeferredsResolveWithoutStackOverflow() {
        int n = 100_000;
        List<Deferred<Object>> ds = new ArrayList<>(n + 1);
        for (int i = 0; i <= n; i++) ds.add(new Deferred<>());
        for (int i = 0; i < n; i++) {
            Deferred<Object> nextOne = ds.get(i + 1);
            ds.get(i).addCallback(v -> nextOne);
        }
        for (int i = 0; i < n; i++) ds.get(i).callback(null);
        AtomicReference<Object> seen = new AtomicReference<>();
        ds.get(0).addCallback(v -> { seen.set(v); return v; });
        ds.get(n).callback("deep");
        assertEquals("deep", seen.get());
    }

    // ---- 16 re-entrancy

    @Test
    void callbackAddedByRunningCallbackRunsAfterItReturns() {
        Deferred<Object> d = new Deferred<>();
        List<String> order = new ArrayList<>();
        d.addCallback(v -> {
            d.addCallback(w -> order.add("added " + w));
            order.add("first done");
            return "r";
        });
        d.callback(null);
        assertEquals(List.of("first done", "added r"), order);
    }

    @Test
    void callbacksAddedDuringCallbackGoToTheEndOfTheChain() {
        Deferred<Object> d = new Deferred<>();
        List<String> order = new ArrayList<>();
        d.addCallback(v -> { d.addCallback(w -> order.add("3")); order.add("1"); return v; });
        d.addCallback(v -> order.add("2"));
        d.callback(null);
        assertEquals(List.of("1", "2", "3"), order);
    }

    @Test
    void failureOfReentrantCallbackGoesToNextErrback() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> {
            d.addCallback(w -> { throw new IllegalStateException("reentrant"); });
            d.addErrback(f -> seen.add(f.getErrorMessage()));
            return v;
        });
        d.callback(null);
        assertEquals(List.of("reentrant"), seen);
    }

    // ---- 17 returning self

    @Test
    void callbackReturningItsOwnDeferredBecomesAFailure() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> d).addErrback(f -> seen.add(f.getType()));
        d.callback(null);
        assertEquals(List.of(IllegalStateException.class), seen);
    }

    // ---- 18 pause/unpause

    @Test
    void pausedDeferredRunsNoCallbacksUntilUnpaused() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.pause();
        d.errback(new RuntimeException("paused failure"));
        d.addErrback(f -> seen.add(f.getErrorMessage()));
        assertTrue(seen.isEmpty());
        d.unpause();
        assertEquals(List.of("paused failure"), seen);
    }

    @Test
    void unpauseBeforeFiringRunsNothing() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> seen.add(v));
        d.pause();
        d.pause();
        d.unpause();
        d.callback("x");
        assertTrue(seen.isEmpty(), "still paused once");
        d.unpause();
        assertEquals(List.of("x"), seen);
    }

    @Test
    void pausedOuterDoesNotStopTheInnersLaterCallbacks() {
        Deferred<Object> first = new Deferred<>(), second = new Deferred<>();
        first.addCallback(v -> second);
        first.callback(null);
        first.pause();
        second.callback(null);
        List<Object> seen = new ArrayList<>();
        second.addCallback(v -> seen.add(String.valueOf(v)));
        assertEquals(List.of("null"), seen);
    }

    @Test
    void pausedInnerWithResultMakesOuterWaitForUnpause() {
        Deferred<Object> paused = Deferred.succeed("expected");
        paused.pause();
        Deferred<Object> chained = new Deferred<>();
        chained.addCallback(v -> paused);
        chained.callback(null);
        List<Object> seen = new ArrayList<>();
        chained.addCallback(v -> seen.add(v));
        assertTrue(seen.isEmpty());
        paused.unpause();
        assertEquals(List.of("expected"), seen);
    }

    @Test
    void explicitUnpauseCannotRunAheadOfANestedDeferred() {
        // Twisted issue 12726: there, unpause() on a Deferred waiting on another hands the inner
        // Deferred itself to the next callback. Here the wait is kept apart from the pause count.
        Deferred<Object> outer = new Deferred<>(), inner = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        outer.addCallback(v -> inner).addCallback(v -> seen.add(v));
        outer.callback(null);
        outer.pause();
        outer.unpause();
        assertTrue(seen.isEmpty());
        assertThrows(IllegalStateException.class, outer::unpause, "unbalanced unpause");
        inner.callback("inner");
        assertEquals(List.of("inner"), seen);
    }

    // ---- 19 chainDeferred

    @Test
    void chainDeferredRecordsTheExplicitChain() {
        Deferred<Object> a = new Deferred<>(), b = new Deferred<>();
        a.chainDeferred(b);
        assertSame(a, b.chainedTo());
        assertEquals("Deferred@" + b.id() + " waiting on Deferred@" + a.id(), b.toString());
    }

    @Test
    void explicitChainRecordIsClearedWhenResolved() {
        Deferred<Object> a = new Deferred<>(), b = new Deferred<>();
        a.chainDeferred(b);
        List<Object> seen = new ArrayList<>();
        b.addCallback(v -> seen.add(v));
        a.callback("x");
        assertNull(b.chainedTo());
        assertEquals(List.of("x"), seen);
    }

    @Test
    void implicitChainIsRecordedToo() {
        Deferred<Object> a = new Deferred<>(), b = new Deferred<>();
        a.addCallback(v -> b);
        a.callback(null);
        assertSame(b, a.chainedTo());
    }

    @Test
    void firingTheChainedTargetDoesNotAffectTheSource() {
        Deferred<Object> a = new Deferred<>(), b = new Deferred<>();
        a.chainDeferred(b);
        b.callback("b alone");
        assertFalse(a.isCalled());
        // Firing a later fires b again, inside a's callback: the AlreadyCalledError lands in a's chain.
        a.callback("late");
        assertTrue(a.hasFailed());
        a.addErrback(f -> { f.trap(AlreadyCalledError.class); return null; });
        assertFalse(a.hasFailed());
    }

    // ---- 20, 21

    @Test
    void succeedReturnsAFiredDeferredLikeManualSuccess() {
        Deferred<String> d = Deferred.succeed("v");
        assertTrue(d.isCalled());
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> seen.add(v));
        assertEquals(List.of("v"), seen);
    }

    @Test
    void failReturnsAFailedDeferred() {
        RuntimeException e = new RuntimeException("f");
        Deferred<String> d = Deferred.fail(e);
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> seen.add(f.getValue()));
        assertEquals(List.of(e), seen);
        Deferred<String> d2 = Deferred.fail(Failure.of(e));
        assertTrue(d2.hasFailed());
        d2.addErrback(f -> null);
    }

    @Test
    void maybeDeferredWrapsValueExceptionFailureAndDeferred() {
        List<Object> seen = new ArrayList<>();
        Deferred.maybeDeferred(() -> 5).addCallback(v -> seen.add(v));
        Deferred.maybeDeferred(() -> { throw new IllegalStateException("thrown"); }).addErrback(f -> seen.add(f.getErrorMessage()));
        Deferred.maybeDeferred(() -> Failure.of(new IllegalStateException("returned"))).addErrback(f -> seen.add(f.getErrorMessage()));
        Deferred<Object> async = new Deferred<>();
        assertSame(async, Deferred.maybeDeferred(() -> async));
        assertEquals(List.of(5, "thrown", "returned"), seen);
    }

    // ---- 22 toString

    @Test
    void toStringShowsPendingResultFailureAndWaiting() {
        Deferred<Object> d = new Deferred<>();
        assertEquals("Deferred@" + d.id() + " (pending)", d.toString());
        d.callback("r");
        assertEquals("Deferred@" + d.id() + " result=r", d.toString());
        Deferred<Object> f = Deferred.fail(new IllegalStateException("bad"));
        assertEquals("Deferred@" + f.id() + " failed: IllegalStateException: bad", f.toString());
        f.addErrback(x -> null);
        Deferred<Object> outer = new Deferred<>(), inner = new Deferred<>();
        outer.addCallback(v -> inner);
        outer.callback(null);
        assertEquals("Deferred@" + outer.id() + " waiting on Deferred@" + inner.id(), outer.toString());
    }

    // ---- 25 thread

    @Test
    void callbacksRunSynchronouslyOnTheFiringThread() throws Exception {
        Deferred<Object> d = new Deferred<>();
        AtomicReference<Thread> ran = new AtomicReference<>();
        d.addCallback(v -> { ran.set(Thread.currentThread()); return v; });
        Thread t = new Thread(() -> d.callback(null), "firer");
        t.start();
        t.join(5000);
        assertSame(t, ran.get());
    }
}
