package netmon.engine.endpoints;

import java.util.Objects;
import netmon.engine.defer.CancelledError;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectError;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Protocol;
import netmon.engine.reactor.Reactor;

/**
 * Connects over TCP through {@link Reactor#connectTCP}: Twisted's {@code TCP4ClientEndpoint}. The
 * Deferred fires with the caller's protocol once its {@code connectionMade} has run; cancelling it
 * while connecting stops the attempt and errbacks with {@link CancelledError}. Reactor thread.
 */
public final class TCP4ClientEndpoint implements ClientEndpoint {
    private final Reactor reactor;
    private final String host;
    private final int port;
    private final double timeoutSeconds;

    public TCP4ClientEndpoint(Reactor reactor, String host, int port, double timeoutSeconds) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Deferred<Protocol> connect(Factory factory) {
        assert reactor.isReactorThread() : "endpoints are used on the reactor thread";
        Objects.requireNonNull(factory, "factory");
        ConnectingFactory cf = new ConnectingFactory(factory, host, port);
        Deferred<Protocol> d = new Deferred<Protocol>(x -> cf.cancel()).setLabel("connect tcp:" + host + ":" + port);
        cf.deferred = d;
        try {
            cf.connector = reactor.connectTCP(host, port, cf, timeoutSeconds);
        } catch (RuntimeException e) {
            if (!d.isCalled()) d.errback(e);
        }
        return d;
    }

    public String getHost() { return host; }
    public int getPort() { return port; }
    public double getTimeoutSeconds() { return timeoutSeconds; }

    @Override
    public String toString() { return "TCP4ClientEndpoint(tcp:host=" + host + ":port=" + port + ")"; }

    /** Wraps the caller's factory to learn when the connection is made or has failed (Twisted's {@code _WrappingFactory}). */
    static final class ConnectingFactory extends ClientFactory {
        private final Factory wrapped;
        private final String host;
        private final int port;
        Deferred<Protocol> deferred;
        Connector connector;
        private boolean cancelled;

        ConnectingFactory(Factory wrapped, String host, int port) {
            this.wrapped = wrapped;
            this.host = host;
            this.port = port;
        }

        void cancel() {
            cancelled = true;
            if (connector != null) connector.stopConnecting();
            if (!deferred.isCalled()) deferred.errback(new CancelledError("connecting to " + host + ":" + port + " was cancelled"));
        }

        @Override
        public Protocol buildProtocol(Address addr) {
            Protocol p;
            try {
                p = wrapped.buildProtocol(addr);
            } catch (RuntimeException e) {
                if (!deferred.isCalled()) deferred.errback(e);
                return null;
            }
            if (p == null) {
                if (!deferred.isCalled()) deferred.errback(new ConnectError(wrapped.logPrefix() + " refused to build a protocol for " + addr));
                return null;
            }
            return p instanceof HalfCloseableProtocol ? new HalfCloseableWrapper(p, this) : new WrappingProtocol(p, this);
        }

        void connected(Protocol p) {
            if (!deferred.isCalled()) deferred.callback(p);
        }

        @Override
        public void clientConnectionFailed(Connector c, Failure reason) {
            if (deferred.isCalled()) return;
            if (cancelled) deferred.errback(new CancelledError("connecting to " + host + ":" + port + " was cancelled"));
            else deferred.errback(reason);
        }

        @Override public void startFactory() { wrapped.doStart(); }
        @Override public void stopFactory() { wrapped.doStop(); }
        @Override public String logPrefix() { return wrapped.logPrefix(); }
    }

    /** Passes every event to the caller's protocol, firing the endpoint's Deferred after its connectionMade. */
    static class WrappingProtocol extends Protocol {
        final Protocol wrapped;
        private final ConnectingFactory owner;

        WrappingProtocol(Protocol wrapped, ConnectingFactory owner) {
            this.wrapped = wrapped;
            this.owner = owner;
        }

        @Override
        public void connectionMade() {
            try {
                wrapped.makeConnection(transport);
            } catch (RuntimeException e) {
                if (!owner.deferred.isCalled()) owner.deferred.errback(e);
                throw e;
            }
            owner.connected(wrapped);
        }

        @Override public void dataReceived(byte[] data) { wrapped.dataReceived(data); }

        @Override
        public void connectionLost(Failure reason) {
            wrapped.markDisconnected();
            wrapped.connectionLost(reason);
        }
    }

    /** The wrapper for protocols that handle half-close, so the transport still sees one. */
    static final class HalfCloseableWrapper extends WrappingProtocol implements HalfCloseableProtocol {
        HalfCloseableWrapper(Protocol wrapped, ConnectingFactory owner) { super(wrapped, owner); }

        @Override public void readConnectionLost() { ((HalfCloseableProtocol) wrapped).readConnectionLost(); }
        @Override public void writeConnectionLost() { ((HalfCloseableProtocol) wrapped).writeConnectionLost(); }
    }
}
