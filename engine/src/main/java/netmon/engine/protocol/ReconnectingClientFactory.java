package netmon.engine.protocol;

import java.util.Random;
import netmon.engine.defer.Failure;
import netmon.engine.reactor.DelayedCall;
import netmon.engine.reactor.ReactorTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client factory that reconnects with exponential backoff after each failed attempt or lost
 * connection: Twisted's {@code ReconnectingClientFactory}. Subclasses build the protocol and call
 * {@link #resetDelay()} once a connection is really up (typically in the protocol's connectionMade).
 * Reactor thread.
 */
public abstract class ReconnectingClientFactory extends ClientFactory {
    private static final Logger log = LoggerFactory.getLogger(ReconnectingClientFactory.class);

    /** Twisted's defaults. */
    public static final double DEFAULT_INITIAL_DELAY = 1.0;
    public static final double DEFAULT_MAX_DELAY = 3600;
    public static final double DEFAULT_FACTOR = 2.7182818284590451;
    public static final double DEFAULT_JITTER = 0.11962656472;

    protected double maxDelay = DEFAULT_MAX_DELAY;
    protected double initialDelay = DEFAULT_INITIAL_DELAY;
    protected double factor = DEFAULT_FACTOR;
    protected double jitter = DEFAULT_JITTER;
    /** Abandon after this many consecutive retries; negative means never. */
    protected int maxRetries = -1;

    protected double delay = initialDelay;
    protected int retries;
    protected boolean continueTrying = true;
    protected Connector connector;
    protected DelayedCall callID;
    private ReactorTime clock;
    private Random random = new Random();

    /** A factory that schedules its retries on {@code clock} (the reactor, or a virtual Clock in tests). */
    protected ReconnectingClientFactory(ReactorTime clock) { this.clock = clock; }

    /** Replaces the clock retries are scheduled on. */
    public void setClock(ReactorTime clock) { this.clock = clock; }

    /** Replaces the random source of the jitter (tests make it deterministic). */
    public void setRandom(Random random) { this.random = random; }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry(connector);
        }
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry(connector);
        }
    }

    /** Schedules the next attempt on {@code connector} (or the last one seen) after the next backoff delay. */
    public void retry(Connector connector) {
        if (!continueTrying) return;
        Connector c = connector != null ? connector : this.connector;
        if (c == null) throw new IllegalStateException("no connector to retry");
        retries++;
        if (maxRetries >= 0 && retries > maxRetries) {
            log.info("abandoning {} after {} retries", c.getDestination(), maxRetries);
            return;
        }
        delay = Math.min(delay * factor, maxDelay);
        if (jitter > 0) delay = delay + random.nextGaussian() * delay * jitter;
        if (delay < 0) delay = 0;
        log.info("will retry {} in {} seconds", c.getDestination(), delay);
        if (clock == null) throw new IllegalStateException("no clock set");
        callID = clock.callLater(delay, () -> {
            callID = null;
            c.connect();
        });
    }

    /** Same as {@link #retry(Connector)} with the last connector seen. */
    public void retry() { retry(null); }

    /** Stops reconnecting: cancels the pending retry and any attempt in progress. */
    public void stopTrying() {
        if (callID != null) {
            if (callID.active()) callID.cancel();
            callID = null;
        }
        continueTrying = false;
        if (connector != null) {
            try {
                connector.stopConnecting();
            } catch (IllegalStateException notConnecting) {
                // Twisted's NotConnectingError: nothing was in progress.
            }
        }
    }

    /** Call on a successful connection: the next failure starts again from {@link #initialDelay}. */
    public void resetDelay() {
        delay = initialDelay;
        retries = 0;
        callID = null;
        continueTrying = true;
    }

    public double getDelay() { return delay; }
    public int getRetries() { return retries; }
    public boolean isTrying() { return continueTrying; }
    public DelayedCall pendingRetry() { return callID; }
    public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
    public void setMaxDelay(double maxDelay) { this.maxDelay = maxDelay; }
    public void setInitialDelay(double initialDelay) { this.initialDelay = initialDelay; this.delay = initialDelay; }
    public void setFactor(double factor) { this.factor = factor; }
    public void setJitter(double jitter) { this.jitter = jitter; }
}
