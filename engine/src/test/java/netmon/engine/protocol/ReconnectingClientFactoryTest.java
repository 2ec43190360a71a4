package netmon.engine.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionRefusedError;
import netmon.engine.testing.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ReconnectingClientFactoryTest {

    static final class FakeConnector implements Connector {
        final List<String> calls = new ArrayList<>();
        String state = "connecting";
        @Override public void connect() { calls.add("connect"); state = "connecting"; }
        @Override public void stopConnecting() {
            if (!"connecting".equals(state)) throw new IllegalStateException("not connecting");
            calls.add("stopConnecting");
            state = "disconnected";
        }
        @Override public void disconnect() { calls.add("disconnect"); }
        @Override public Address getDestination() { return new Address("TCP", "127.0.0.1", 1); }
        @Override public String getState() { return state; }
    }

    static final class Rcf extends ReconnectingClientFactory {
        Rcf(Clock c) { super(c); }
        @Override public Protocol buildProtocol(Address addr) { return new Protocol() {}; }
    }

    private static final Failure REFUSED = Failure.of(new ConnectionRefusedError("refused"));

    @Test
    void defaultsAreTwisteds() {
        Rcf f = new Rcf(new Clock());
        assertEquals(1.0, f.initialDelay);
        assertEquals(3600, f.maxDelay);
        assertEquals(Math.E, f.factor, 1e-15);
        assertEquals(0.11962656472, f.jitter);
        assertEquals(-1, f.maxRetries);
    }

    @Test
    void eachFailureRetriesAfterADelayGrowingByFactorUpToMaxDelay() {
        Clock clock = new Clock();
        Rcf f = new Rcf(clock);
        f.setJitter(0);
        FakeConnector c = new FakeConnector();
        double expected = 1.0;
        for (int i = 0; i < 12; i++) {
            c.state = "disconnected";
            f.clientConnectionFailed(c, REFUSED);
            expected = Math.min(expected * Math.E, 3600);
            assertEquals(expected, f.getDelay(), 1e-9);
            assertEquals(expected, f.pendingRetry().getTime() - clock.seconds(), 1e-9);
            clock.advance(expected - 1e-6);
            assertEquals(i, c.calls.size(), "not yet");
            clock.advance(2e-6);
            assertEquals(i + 1, c.calls.size(), "connect() called when the delay is up");
        }
        assertEquals(3600, f.getDelay());
    }

    @Test
    void jitterDrawsFromANormalDistributionAroundTheDelay() {
        Rcf f = new Rcf(new Clock());
        f.setRandom(new Random(42));
        double g = new Random(42).nextGaussian();
        f.clientConnectionLost(new FakeConnector(), REFUSED);
        assertEquals(Math.E + g * Math.E * f.jitter, f.getDelay(), 1e-12);
    }

    @Test
    void maxRetriesAbandonsAfterThatManyConsecutiveRetries() {
        Clock clock = new Clock();
        Rcf f = new Rcf(clock);
        f.setMaxRetries(2);
        FakeConnector c = new FakeConnector();
        for (int i = 0; i < 3; i++) {
            f.clientConnectionFailed(c, REFUSED);
            clock.advance(100);
        }
        assertEquals(List.of("connect", "connect"), c.calls);
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void resetDelayRestoresTheInitialDelayAndRetryCount() {
        Rcf f = new Rcf(new Clock());
        f.setJitter(0);
        FakeConnector c = new FakeConnector();
        f.clientConnectionFailed(c, REFUSED);
        f.clientConnectionFailed(c, REFUSED);
        assertEquals(2, f.getRetries());
        f.resetDelay();
        assertEquals(1.0, f.getDelay());
        assertEquals(0, f.getRetries());
        assertTrue(f.isTrying());
    }

    @Test
    void stopTryingCancelsThePendingRetryAndStopsConnectingIgnoringNotConnecting() {
        Clock clock = new Clock();
        Rcf f = new Rcf(clock);
        FakeConnector c = new FakeConnector();
        c.state = "disconnected";
        f.clientConnectionFailed(c, REFUSED);
        assertEquals(1, clock.getDelayedCalls().size());
        f.stopTrying();   // connector not connecting: the IllegalStateException is swallowed
        assertTrue(clock.getDelayedCalls().isEmpty());
        assertFalse(f.isTrying());
        clock.advance(10_000);
        assertTrue(c.calls.isEmpty());
        f.clientConnectionLost(c, REFUSED);
        assertTrue(clock.getDelayedCalls().isEmpty(), "no retry once stopped");

        Rcf g = new Rcf(clock);
        FakeConnector d = new FakeConnector();
        g.clientConnectionFailed(d, REFUSED);
        clock.advance(100);              // d.connect() ran: d is connecting
        g.stopTrying();
        assertEquals(List.of("connect", "stopConnecting"), d.calls);
    }

    @Test
    void stopTryingWhileConnectedDoesNotReconnectAfterLoss() {
        Clock clock = new Clock();
        Rcf f = new Rcf(clock);
        FakeConnector c = new FakeConnector();
        f.clientConnectionFailed(c, REFUSED);
        clock.advance(100);
        c.state = "connected";
        f.resetDelay();
        f.stopTrying();
        f.clientConnectionLost(c, REFUSED);
        clock.advance(10_000);
        assertEquals(List.of("connect"), c.calls);
    }
}
