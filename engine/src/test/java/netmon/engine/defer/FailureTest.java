package netmon.engine.defer;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Failure: trap, check, getErrorMessage, the original stack. */
class FailureTest {

    @Test
    void checkReturnsTheFirstMatchingTypeOrNull() {
        Failure f = Failure.of(new IllegalArgumentException("x"));
        assertEquals(RuntimeException.class, f.check(ArithmeticException.class, RuntimeException.class));
        assertNull(f.check(ArithmeticException.class));
    }

    @Test
    void trapRethrowsTheSameFailureWhenNothingMatches() {
        Failure f = Failure.of(new IllegalArgumentException("x"));
        assertEquals(IllegalArgumentException.class, f.trap(IllegalArgumentException.class));
        FailureException e = assertThrows(FailureException.class, () -> f.trap(ArithmeticException.class));
        assertSame(f, e.failure());
        assertSame(f, Failure.of(e));
    }

    @Test
    void errorMessageFallsBackToTheClassName() {
        assertEquals("msg", Failure.of(new IllegalStateException("msg")).getErrorMessage());
        assertEquals("java.lang.IllegalStateException", Failure.of(new IllegalStateException()).getErrorMessage());
    }

    private static void thrower() { throw new IllegalStateException("deep"); }

    @Test
    void originalStackIsKeptAfterTravellingDownTheChain() {
        Deferred<Object> d = new Deferred<>();
        Failure[] seen = new Failure[1];
        d.addCallback(v -> { thrower(); return v; }).addCallback(v -> v).addErrback(f -> { seen[0] = f; return null; });
        d.callback(null);
        assertTrue(seen[0].getTraceback().contains("thrower"), seen[0].getTraceback());
    }
}
