package netmon.engine.defer;

import static org.junit.jupiter.api.Assertions.*;
import static netmon.engine.monitor.DeferredEvent.Kind.*;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netmon.engine.monitor.DeferredEvent;
import netmon.engine.monitor.DeferredEvent.Path;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.monitor.MonitorListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The monitor's Deferred events: exact sequences, and the states a chain viewer would draw from them. */
@Timeout(20)
class DeferredMonitorTest {
    private final List<DeferredEvent> events = new ArrayList<>();
    private final MonitorListener listener = new MonitorListener() {
        @Override public void deferredEvent(DeferredEvent e) { events.add(e); }
    };

    @BeforeEach
    void watch() { MonitorHub.deferreds().add(listener); }

    @AfterEach
    void unwatch() {
        MonitorHub.deferreds().remove(listener);
        Deferreds.setDebugging(false);
    }

    private List<String> seq(long... ids) {
        Map<Long, String> names = new HashMap<>();
        for (int i = 0; i < ids.length; i++) names.put(ids[i], "d" + i);
        List<String> out = new ArrayList<>();
        for (DeferredEvent e : events) {
            String n = names.get(e.deferredId());
            if (n == null) continue;
            String s = n + " " + e.kind();
            if (e.step() >= 0) s += " #" + e.step();
            if (e.path() != null) s += " " + e.path();
            if (e.otherId() != 0) s += " ->" + names.getOrDefault(e.otherId(), "?");
            out.add(s);
        }
        return out;
    }

    /** A minimal chain viewer: what it would draw per Deferred and per step, fed only by events. */
    static final class Viewer {
        final Map<Long, String> state = new HashMap<>();
        final Map<Long, Map<Integer, String>> steps = new HashMap<>();

        void feed(List<DeferredEvent> es) {
            for (DeferredEvent e : es) {
                Map<Integer, String> st = steps.computeIfAbsent(e.deferredId(), k -> new HashMap<>());
                switch (e.kind()) {
                    case CREATED -> state.put(e.deferredId(), "unfired");
                    case CALLBACK_ADDED -> st.put(e.step(), "pending");
                    case FIRED -> state.put(e.deferredId(), "running");
                    case STEP_RAN_CALLBACK, STEP_RAN_ERRBACK, STEP_FAILED ->
                        st.put(e.step(), "ran " + e.path().name().toLowerCase() + (e.kind() == STEP_FAILED ? " (failed)" : ""));
                    case WAITING_ON -> state.put(e.deferredId(), "waiting on " + e.otherId());
                    case UNPAUSED -> state.put(e.deferredId(), "running");
                    case ENDED_SUCCESS -> state.put(e.deferredId(), "succeeded");
                    case ENDED_FAILURE_HANDLED -> state.put(e.deferredId(), "succeeded after failure");
                    case ENDED_FAILURE_UNHANDLED -> state.put(e.deferredId(), "failed, unhandled");
                    default -> { }
                }
            }
        }
    }

    static void failDeep() {
        throw new IllegalStateException("boom from failDeep");
    }

    @Test
    void failureEventsCarryTheOriginalStackWhereTheFailureArose() {
        Deferred<Object> d = new Deferred<>();
        d.addCallback(v -> {
            failDeep();
            return v;
        });
        d.addErrback(f -> f); // passes the same failure on: no second stack
        d.callback("x");
        List<DeferredEvent> mine = events.stream().filter(e -> e.deferredId() == d.id()).toList();
        DeferredEvent threw = mine.stream().filter(e -> e.kind() == DeferredEvent.Kind.STEP_FAILED && e.step() == 0)
                .findFirst().orElseThrow();
        assertNotNull(threw.failureStack());
        assertTrue(threw.failureStack().startsWith("java.lang.IllegalStateException: boom from failDeep"), threw.failureStack());
        assertTrue(threw.failureStack().contains("DeferredMonitorTest.failDeep("), "the frame that threw: " + threw.failureStack());
        DeferredEvent passed = mine.stream().filter(e -> e.kind() == DeferredEvent.Kind.STEP_FAILED && e.step() == 1)
                .findFirst().orElseThrow();
        assertNull(passed.failureStack(), "a failure passed on unchanged was reported where it arose");
        DeferredEvent ended = mine.stream().filter(e -> e.kind() == DeferredEvent.Kind.ENDED_FAILURE_UNHANDLED)
                .findFirst().orElseThrow();
        assertEquals(threw.failureStack(), ended.failureStack());
        assertTrue(mine.stream().filter(e -> e.kind() != DeferredEvent.Kind.STEP_FAILED
                && e.kind() != DeferredEvent.Kind.ENDED_FAILURE_UNHANDLED).allMatch(e -> e.failureStack() == null));
        d.addErrback(f -> null); // handled: nothing left unhandled after this test
    }

    @Test
    void aDeferredFiredWithAFailureCarriesItsStackOnFired() {
        Deferred<Object> d = new Deferred<>();
        d.errback(new java.io.IOException("disk gone"));
        DeferredEvent fired = events.stream().filter(e -> e.deferredId() == d.id() && e.kind() == DeferredEvent.Kind.FIRED)
                .findFirst().orElseThrow();
        assertTrue(fired.failureStack().startsWith("java.io.IOException: disk gone"), fired.failureStack());
        d.addErrback(f -> null);
    }

    @Test
    void nestedFailureRecoveryAndCancellationProduceTheExactEventSequence() {
        Deferred<Object> outer = new Deferred<>("outer");
        Deferred<Object> inner = new Deferred<>("inner");
        outer.addCallback("fetch", v -> inner);
        outer.addCallback("parse", v -> v);
        outer.addErrback("recover", f -> "recovered");
        outer.addCallback("check", v -> { throw new IllegalStateException("boom"); });
        outer.addErrback("fallback", f -> "fallback");
        outer.callback("go");

        assertEquals("Deferred@" + outer.id() + " waiting on Deferred@" + inner.id(), outer.toString());
        Viewer mid = new Viewer();
        mid.feed(events);
        assertEquals("waiting on " + inner.id(), mid.state.get(outer.id()));
        assertEquals("unfired", mid.state.get(inner.id()));
        assertEquals(Map.of(0, "ran callback", 1, "pending", 2, "pending", 3, "pending", 4, "pending"), mid.steps.get(outer.id()));
        assertEquals(Map.of(0, "pending"), mid.steps.get(inner.id()));

        outer.cancel();

        assertEquals(List.of(
            "d0 CREATED", "d1 CREATED",
            "d0 CALLBACK_ADDED #0", "d0 CALLBACK_ADDED #1", "d0 CALLBACK_ADDED #2", "d0 CALLBACK_ADDED #3", "d0 CALLBACK_ADDED #4",
            "d0 FIRED CALLBACK",
            "d0 STEP_RAN_CALLBACK #0 CALLBACK",
            "d0 WAITING_ON #0 ->d1",
            "d1 CALLBACK_ADDED #0 ->d0",
            "d0 CANCELLED ->d1",
            "d1 CANCELLED",
            "d1 FIRED ERRBACK",
            "d1 STEP_FAILED #0 ERRBACK ->d0",
            "d0 UNPAUSED ->d1",
            "d0 STEP_FAILED #1 ERRBACK",
            "d0 STEP_RAN_ERRBACK #2 ERRBACK",
            "d0 STEP_FAILED #3 CALLBACK",
            "d0 STEP_RAN_ERRBACK #4 ERRBACK",
            "d0 ENDED_FAILURE_HANDLED",
            "d1 ENDED_FAILURE_HANDLED"), seq(outer.id(), inner.id()));

        Viewer end = new Viewer();
        end.feed(events);
        assertEquals("succeeded after failure", end.state.get(outer.id()));
        assertEquals("succeeded after failure", end.state.get(inner.id()));
        assertEquals(Map.of(0, "ran callback", 1, "ran errback (failed)", 2, "ran errback", 3, "ran callback (failed)", 4, "ran errback"),
            end.steps.get(outer.id()));
        assertEquals(Map.of(0, "ran errback (failed)"), end.steps.get(inner.id()));
        assertEquals("Deferred@" + outer.id() + " result=fallback", outer.toString());

        // Names and labels are readable.
        DeferredEvent created = events.stream().filter(e -> e.deferredId() == outer.id() && e.kind() == CREATED).findFirst().orElseThrow();
        assertEquals("outer", created.label());
        assertTrue(events.stream().anyMatch(e -> e.deferredId() == outer.id() && e.kind() == STEP_FAILED && e.detail().startsWith("check -> Failure IllegalStateException: boom")));
        assertTrue(events.stream().anyMatch(e -> e.deferredId() == outer.id() && e.kind() == CALLBACK_ADDED && "recover".equals(e.detail())));
    }

    @Test
    void unhandledFailureIsReportedAtOnceAndClearedByALaterErrback() {
        Deferred<Object> d = new Deferred<>("lonely");
        d.errback(new IllegalStateException("nobody listens"));
        d.addErrback("late handler", f -> null);
        assertEquals(List.of("d0 CREATED", "d0 FIRED ERRBACK", "d0 ENDED_FAILURE_UNHANDLED",
            "d0 CALLBACK_ADDED #0", "d0 STEP_RAN_ERRBACK #0 ERRBACK", "d0 UNHANDLED_CLEARED", "d0 ENDED_FAILURE_HANDLED"), seq(d.id()));
    }

    @Test
    void explicitPauseAndUnpauseAreReported() {
        Deferred<Object> d = new Deferred<>();
        d.pause();
        d.callback(1);
        d.unpause();
        assertEquals(List.of("d0 CREATED", "d0 PAUSED", "d0 FIRED CALLBACK", "d0 UNPAUSED", "d0 ENDED_SUCCESS"), seq(d.id()));
    }

    @Test
    void debugModeAddsCreationAndFiringSites() {
        Deferreds.setDebugging(true);
        Deferred<Object> d = new Deferred<>();
        d.callback(1);
        DeferredEvent created = events.stream().filter(e -> e.deferredId() == d.id() && e.kind() == CREATED).findFirst().orElseThrow();
        DeferredEvent fired = events.stream().filter(e -> e.deferredId() == d.id() && e.kind() == FIRED).findFirst().orElseThrow();
        assertTrue(created.detail().contains("debugModeAddsCreationAndFiringSites"), created.detail());
        assertTrue(fired.detail().contains("@ ") && fired.detail().contains("DeferredMonitorTest"), fired.detail());
    }

    @Test
    void lambdaCallbacksGetAShortReadableName() {
        Deferred<Object> d = new Deferred<>();
        d.addCallback(v -> v);
        String detail = events.stream().filter(e -> e.deferredId() == d.id() && e.kind() == CALLBACK_ADDED).findFirst().orElseThrow().detail();
        assertEquals("DeferredMonitorTest.λ / passthru", detail);
    }

    @Test
    void watchingNeverKeepsADeferredAlive() throws Exception {
        WeakReference<Deferred<Object>> ref = makeAndFire();
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get());
        assertFalse(events.isEmpty());
        for (DeferredEvent e : events) {
            for (Object component : List.of(e.deferredId(), e.kind(), e.label(), e.step(), String.valueOf(e.detail()))) {
                assertFalse(component instanceof Deferred<?>);
            }
        }
        assertTrue(Set.of(Path.values()).size() == 2);
    }

    private static WeakReference<Deferred<Object>> makeAndFire() {
        Deferred<Object> d = new Deferred<>("short-lived");
        d.addCallback(v -> v);
        d.callback("x");
        return new WeakReference<>(d);
    }
}
