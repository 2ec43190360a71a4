package netmon.engine.defer;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Section C of TWISTED-SEMANTICS.md (items 37-48): DeferredList, gatherResults, race, lock, semaphore, queue, futures. */
@Timeout(10)
class CombinatorTest {

    private static <T> AtomicReference<Object> outcome(Deferred<T> d) {
        AtomicReference<Object> out = new AtomicReference<>();
        d.addBoth(r -> { out.set(r); return null; });
        return out;
    }

    // ---- 37, 38

    @Test
    void deferredListFiresWithPairsInInputOrder() {
        Deferred<String> a = new Deferred<>(), b = new Deferred<>(), c = new Deferred<>();
        DeferredList<String> dl = new DeferredList<>(List.of(a, b, c));
        AtomicReference<Object> out = outcome(dl);
        b.errback(new IllegalStateException("b failed"));
        c.callback("c");
        assertNull(out.get());
        a.callback("a");
        @SuppressWarnings("unchecked") List<DeferredList.Result<String>> rs = (List<DeferredList.Result<String>>) out.get();
        assertEquals(3, rs.size());
        assertEquals(new DeferredList.Result<String>(true, "a"), rs.get(0));
        assertFalse(rs.get(1).success());
        assertEquals("b failed", rs.get(1).failure().getErrorMessage());
        assertEquals("c", rs.get(2).value());
        b.addErrback(f -> null);
    }

    @Test
    void deferredListHandlesAlreadyFiredMembers() {
        Deferred<String> a = Deferred.succeed("1");
        Deferred<String> b = Deferred.fail(new IllegalStateException("2"));
        DeferredList<String> dl = new DeferredList<>(List.of(a, b), false, true);
        AtomicReference<Object> out = outcome(dl);
        @SuppressWarnings("unchecked") List<DeferredList.Result<String>> rs = (List<DeferredList.Result<String>>) out.get();
        assertEquals("1", rs.get(0).value());
        assertEquals("2", rs.get(1).failure().getErrorMessage());
    }

    @Test
    void emptyDeferredListFiresAtOnceWithEmptyList() {
        AtomicReference<Object> out = outcome(new DeferredList<String>(List.of()));
        assertEquals(List.of(), out.get());
    }

    @Test
    void emptyDeferredListWithFireOnOneCallbackNeverFires() {
        Deferred<DeferredList.Indexed<String>> d = DeferredList.fireOnOneCallback(List.<Deferred<String>>of(), false, false);
        assertFalse(d.isCalled());
    }

    // ---- 39, 40

    @Test
    void fireOnOneCallbackFiresWithFirstSuccessAndItsIndex() {
        Deferred<String> a = new Deferred<>(), b = new Deferred<>();
        AtomicReference<Object> out = outcome(DeferredList.fireOnOneCallback(List.of(a, b), false, false));
        b.callback("second");
        assertEquals(new DeferredList.Indexed<>("second", 1), out.get());
        a.callback("first"); // no AlreadyCalledError
    }

    @Test
    void fireOnOneErrbackFailsWithFirstErrorCarryingSubFailureAndIndex() {
        Deferred<String> a = new Deferred<>(), b = new Deferred<>();
        AtomicReference<Object> out = outcome(new DeferredList<>(List.of(a, b), true, true));
        IllegalStateException cause = new IllegalStateException("b");
        b.errback(cause);
        Failure f = (Failure) out.get();
        FirstError fe = (FirstError) f.getValue();
        assertEquals(1, fe.index());
        assertSame(cause, fe.subFailure().getValue());
    }

    @Test
    void fireOnOneErrbackWithAlreadyFailedMember() {
        Deferred<String> a = Deferred.fail(new IllegalStateException("early"));
        Deferred<String> b = new Deferred<>();
        AtomicReference<Object> out = outcome(new DeferredList<>(List.of(a, b), true, true));
        assertEquals(0, ((FirstError) ((Failure) out.get()).getValue()).index());
    }

    // ---- 41

    @Test
    void consumeErrorsTakesTheMembersFailure() {
        Deferred<String> a = new Deferred<>();
        new DeferredList<>(List.of(a), false, true);
        a.errback(new IllegalStateException("x"));
        assertNull(a.currentResult());
        assertFalse(a.isFailedUnhandled());
        List<Object> later = new ArrayList<>();
        a.addErrback(f -> later.add("errback")).addCallback(v -> later.add("callback " + v));
        assertEquals(List.of("callback null"), later);
    }

    @Test
    void withoutConsumeErrorsTheFailureStaysInTheMember() {
        Deferred<String> a = new Deferred<>();
        new DeferredList<>(List.of(a));
        a.errback(new IllegalStateException("x"));
        assertTrue(a.hasFailed());
        assertTrue(a.isFailedUnhandled());
        a.addErrback(f -> null);
        assertFalse(a.isFailedUnhandled());
    }

    // ---- 42

    @Test
    void cancellingDeferredListCancelsEveryMember() {
        Deferred<String> a = new Deferred<>(), b = new Deferred<>();
        DeferredList<String> dl = new DeferredList<>(List.of(a, b), false, true);
        AtomicReference<Object> out = outcome(dl);
        dl.cancel();
        @SuppressWarnings("unchecked") List<DeferredList.Result<String>> rs = (List<DeferredList.Result<String>>) out.get();
        assertEquals(CancelledError.class, rs.get(0).failure().getType());
        assertEquals(CancelledError.class, rs.get(1).failure().getType());
    }

    @Test
    void cancellingAFiredDeferredListCancelsNothing() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<String> a = new Deferred<>(), b = new Deferred<>(x -> cancels.incrementAndGet());
        Deferred<DeferredList.Indexed<String>> dl = DeferredList.fireOnOneCallback(List.of(a, b), false, false);
        a.callback("a");
        dl.cancel();
        assertEquals(0, cancels.get());
        assertFalse(b.isCalled());
    }

    @Test
    void cancellerExceptionDuringListCancelIsLoggedNotThrown() {
        Deferred<String> a = new Deferred<>(x -> { throw new IllegalStateException("bad canceller"); });
        Deferred<String> b = new Deferred<>();
        DeferredList<String> dl = new DeferredList<>(List.of(a, b), false, true);
        assertDoesNotThrow(dl::cancel);
        assertTrue(b.isCalled());
    }

    // ---- 43

    @Test
    void gatherResultsGivesPlainValuesInInputOrder() {
        Deferred<Integer> a = new Deferred<>(), b = new Deferred<>();
        AtomicReference<Object> out = outcome(Deferreds.gatherResults(List.of(a, b)));
        b.callback(2);
        a.callback(1);
        assertEquals(List.of(1, 2), out.get());
    }

    @Test
    void gatherResultsFailsWithFirstErrorAndConsumesErrorsWhenAsked() {
        Deferred<Integer> a = new Deferred<>(), b = new Deferred<>();
        AtomicReference<Object> out = outcome(Deferreds.gatherResults(List.of(a, b), true));
        a.errback(new IllegalStateException("a"));
        assertTrue(((Failure) out.get()).getValue() instanceof FirstError);
        assertNull(a.currentResult());
    }

    @Test
    void cancellingGatherResultsCancelsAllMembers() {
        Deferred<Integer> a = new Deferred<>(), b = new Deferred<>();
        Deferred<List<Integer>> g = Deferreds.gatherResults(List.of(a, b), true);
        AtomicReference<Object> out = outcome(g);
        g.cancel();
        assertTrue(a.isCalled());
        assertTrue(b.isCalled());
        FirstError fe = (FirstError) ((Failure) out.get()).getValue();
        assertEquals(CancelledError.class, fe.subFailure().getType());
    }

    // ---- 44

    @Test
    void raceFiresWithFirstSuccessAndCancelsTheOthers() {
        Deferred<String> a = new Deferred<>(), b = new Deferred<>();
        AtomicReference<Object> out = outcome(Deferreds.race(List.of(a, b)));
        b.callback("b");
        assertEquals(new DeferredList.Indexed<>("b", 1), out.get());
        assertTrue(a.isCalled(), "the loser was cancelled");
        assertFalse(a.isFailedUnhandled(), "race consumes the losers' CancelledError");
    }

    @Test
    void raceWhereAllFailGivesFailureGroupInInputOrder() {
        Deferred<String> a = new Deferred<>(), b = new Deferred<>();
        AtomicReference<Object> out = outcome(Deferreds.race(List.of(a, b)));
        b.errback(new IllegalStateException("b"));
        a.errback(new IllegalStateException("a"));
        FailureGroup g = (FailureGroup) ((Failure) out.get()).getValue();
        assertEquals(List.of("a", "b"), g.failures().stream().map(Failure::getErrorMessage).toList());
    }

    @Test
    void cancellingTheRaceCancelsEveryMember() {
        Deferred<String> a = new Deferred<>(), b = new Deferred<>();
        Deferred<DeferredList.Indexed<String>> r = Deferreds.race(List.of(a, b));
        AtomicReference<Object> out = outcome(r);
        r.cancel();
        assertTrue(a.isCalled() && b.isCalled());
        assertEquals(CancelledError.class, ((Failure) out.get()).getType());
    }

    // ---- 45 lock

    @Test
    void lockServesWaitersInOrder() {
        DeferredLock lock = new DeferredLock();
        List<String> order = new ArrayList<>();
        lock.acquire().addCallback(l -> order.add("first"));
        lock.acquire().addCallback(l -> order.add("second"));
        lock.acquire().addCallback(l -> order.add("third"));
        assertEquals(List.of("first"), order);
        assertTrue(lock.isLocked());
        lock.release();
        assertEquals(List.of("first", "second"), order);
        lock.release();
        lock.release();
        assertEquals(List.of("first", "second", "third"), order);
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void lockRunReleasesEvenOnFailure() {
        DeferredLock lock = new DeferredLock();
        AtomicReference<Object> out = outcome(lock.run(() -> { throw new IllegalStateException("in run"); }));
        assertEquals("in run", ((Failure) out.get()).getErrorMessage());
        assertFalse(lock.isLocked());
        Deferred<Object> pending = new Deferred<>();
        AtomicReference<Object> out2 = outcome(lock.run(() -> pending));
        assertTrue(lock.isLocked());
        pending.callback("done");
        assertEquals("done", out2.get());
        assertFalse(lock.isLocked());
    }

    @Test
    void cancellingAWaitingAcquireRemovesIt() {
        DeferredLock lock = new DeferredLock();
        lock.acquire();
        Deferred<DeferredLock> waiter = lock.acquire();
        AtomicReference<Object> out = outcome(waiter);
        waiter.cancel();
        assertEquals(CancelledError.class, ((Failure) out.get()).getType());
        assertEquals(0, lock.waitingCount());
        lock.release();
        assertFalse(lock.isLocked());
    }

    @Test
    void cancellingAnAcquiredLockDoesNothing() {
        DeferredLock lock = new DeferredLock();
        Deferred<DeferredLock> d = lock.acquire();
        AtomicReference<Object> out = outcome(d);
        d.cancel();
        assertSame(lock, out.get());
        assertTrue(lock.isLocked());
    }

    // ---- 46 semaphore

    @Test
    void semaphoreHandsOutTokensThenQueuesFifo() {
        DeferredSemaphore sem = new DeferredSemaphore(2);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            sem.acquire().addCallback(s -> got.add(n));
        }
        assertEquals(List.of(0, 1), got);
        assertEquals(0, sem.tokens());
        sem.release();
        assertEquals(List.of(0, 1, 2), got);
        sem.release();
        sem.release();
        sem.release();
        assertEquals(2, sem.tokens());
        assertThrows(IllegalStateException.class, sem::release);
    }

    @Test
    void semaphoreRejectsFewerThanOneToken() {
        assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(0));
        assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(-1));
    }

    @Test
    void cancellingAWaitingSemaphoreAcquireRemovesIt() {
        DeferredSemaphore sem = new DeferredSemaphore(1);
        sem.acquire();
        Deferred<DeferredSemaphore> w = sem.acquire();
        w.cancel();
        assertEquals(0, sem.waitingCount());
        w.addErrback(f -> null);
    }

    // ---- 47 queue

    @Test
    void queueGetsFireInOrderWithOverflowAndUnderflow() {
        DeferredQueue<Integer> q = new DeferredQueue<>(2, 2);
        List<Integer> got = new ArrayList<>();
        q.get().addCallback(got::add);
        q.get().addCallback(got::add);
        assertThrows(DeferredQueue.QueueUnderflow.class, q::get);
        q.put(1);
        q.put(2);
        assertEquals(List.of(1, 2), got);
        q.put(3);
        q.put(4);
        assertThrows(DeferredQueue.QueueOverflow.class, () -> q.put(5));
        q.get().addCallback(got::add);
        assertEquals(List.of(1, 2, 3), got);
    }

    @Test
    void cancellingAPendingGetRemovesIt() {
        DeferredQueue<Integer> q = new DeferredQueue<>();
        Deferred<Integer> g = q.get();
        g.cancel();
        assertEquals(0, q.waitingCount());
        g.addErrback(f -> null);
        q.put(1);
        assertEquals(1, q.pendingCount());
    }

    // ---- 48 futures

    @Test
    void toCompletableFuturePropagatesResult() throws Exception {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> f = d.toCompletableFuture();
        assertFalse(f.isDone());
        d.callback("v");
        assertEquals("v", f.get());
    }

    @Test
    void toCompletableFuturePropagatesFailure() {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> f = d.toCompletableFuture();
        IllegalStateException e = new IllegalStateException("x");
        d.errback(e);
        ExecutionException ee = assertThrows(ExecutionException.class, f::get);
        assertSame(e, ee.getCause());
        assertFalse(d.isFailedUnhandled(), "the future took the failure");
    }

    @Test
    void cancellingTheFutureCancelsTheDeferred() {
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> out = outcome(d);
        CompletableFuture<String> f = d.toCompletableFuture();
        f.cancel(false);
        assertEquals(CancelledError.class, ((Failure) out.get()).getType());
    }

    @Test
    void cancellingTheDeferredCancelsItsFuture() {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> f = d.toCompletableFuture();
        d.cancel();
        assertTrue(f.isCancelled());
    }

    @Test
    void fromFutureFiresWithTheFuturesValueOrFailure() {
        CompletableFuture<String> ok = new CompletableFuture<>();
        AtomicReference<Object> out = outcome(Deferred.fromFuture(ok));
        ok.complete("done");
        assertEquals("done", out.get());
        CompletableFuture<String> bad = new CompletableFuture<>();
        AtomicReference<Object> out2 = outcome(Deferred.fromFuture(bad));
        bad.completeExceptionally(new IllegalStateException("bad"));
        assertEquals("bad", ((Failure) out2.get()).getErrorMessage());
    }

    @Test
    void cancellingFromFutureDeferredCancelsTheFutureAndCancelledFutureCancelsDeferred() {
        CompletableFuture<String> f = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromFuture(f);
        AtomicReference<Object> out = outcome(d);
        d.cancel();
        assertTrue(f.isCancelled());
        assertEquals(CancelledError.class, ((Failure) out.get()).getType());

        CompletableFuture<String> f2 = new CompletableFuture<>();
        AtomicReference<Object> out2 = outcome(Deferred.fromFuture(f2));
        f2.cancel(false);
        assertEquals(CancelledError.class, ((Failure) out2.get()).getType());
        assertThrows(CancellationException.class, f2::join);
    }
}
