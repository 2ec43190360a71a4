package netmon.engine.defer;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Items 23 and 24: unhandled failures are marked at once and logged at GC; handled ones are not. */
@Timeout(20)
class UnhandledFailureTest {
    private final List<String> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() { Deferreds.unhandledSink = reports::add; }

    @AfterEach
    void release() {
        Deferreds.unhandledSink = null;
        Deferreds.setDebugging(false);
    }

    private static long failAndDrop(String message) {
        Deferred<Object> d = new Deferred<>();
        d.addCallback(v -> { throw new IllegalStateException(message); });
        d.callback(null);
        return d.id();
    }

    private boolean awaitReport(String text) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (reports.stream().anyMatch(r -> r.contains(text))) return true;
            System.gc();
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void unhandledFailureIsLoggedWhenTheDeferredIsCollected() throws Exception {
        long id = failAndDrop("lost failure 1");
        assertTrue(awaitReport("lost failure 1"), "no report after GC");
        String r = reports.stream().filter(x -> x.contains("lost failure 1")).findFirst().orElseThrow();
        assertTrue(r.startsWith("Unhandled error in Deferred: Deferred@" + id));
        assertTrue(r.contains("failAndDrop"), "the original stack is kept: " + r);
    }

    @Test
    void unhandledReportCarriesCreatorAndInvokerStacksWhenDebugging() throws Exception {
        Deferreds.setDebugging(true);
        failAndDrop("lost failure 2");
        assertTrue(awaitReport("lost failure 2"));
        String r = reports.stream().filter(x -> x.contains("lost failure 2")).findFirst().orElseThrow();
        assertTrue(r.contains(" C:") && r.contains(" I:"), r);
    }

    @Test
    void failureIsMarkedUnhandledAtOnceAndClearedByALaterErrback() {
        int before = Deferreds.unhandledCount();
        Deferred<Object> d = Deferred.fail(new IllegalStateException("now"));
        assertTrue(d.isFailedUnhandled());
        assertEquals(before + 1, Deferreds.unhandledCount());
        d.addCallback(v -> v); // a callback alone does not handle it
        assertTrue(d.isFailedUnhandled());
        d.addErrback(f -> null);
        assertFalse(d.isFailedUnhandled());
        assertEquals(before, Deferreds.unhandledCount());
    }

    private static long chainedFailure(String message) {
        Deferred<Object> inner = new Deferred<>();
        Deferred<Object> outer = new Deferred<>();
        outer.addCallback(v -> inner).addErrback(f -> null);
        outer.callback(null);
        inner.errback(new IllegalStateException(message));
        return inner.id();
    }

    private static void consumedFailure(String message) {
        Deferred<Object> d = Deferred.fail(new IllegalStateException(message));
        d.addErrback(f -> null);
    }

    @Test
    void failuresHandedOnByChainingOrConsumedAreNotLogged() throws Exception {
        chainedFailure("handed on");
        consumedFailure("consumed");
        // A canary that is logged proves GC and the cleaner ran in between.
        failAndDrop("canary");
        assertTrue(awaitReport("canary"));
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertFalse(reports.stream().anyMatch(r -> r.contains("handed on") || r.contains("consumed")), reports.toString());
    }
}
