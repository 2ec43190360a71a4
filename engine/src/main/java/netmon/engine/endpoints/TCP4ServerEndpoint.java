package netmon.engine.endpoints;

import java.util.Objects;
import netmon.engine.defer.Deferred;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.Reactor;

/** Listens on a TCP port through {@link Reactor#listenTCP}: Twisted's {@code TCP4ServerEndpoint}. Reactor thread. */
public final class TCP4ServerEndpoint implements ServerEndpoint {
    private final Reactor reactor;
    private final int port;
    private final int backlog;
    private final String iface;

    public TCP4ServerEndpoint(Reactor reactor, int port, int backlog, String iface) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = port;
        this.backlog = backlog;
        this.iface = Objects.requireNonNull(iface, "iface");
    }

    /**
     * Listens now. {@code listenTCP} reports failure by throwing; the Deferred (labelled
     * {@code listen tcp:PORT}) turns that into an errback, so callers have one path for errors.
     */
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        assert reactor.isReactorThread() : "endpoints are used on the reactor thread";
        return Endpoints.listenNow("listen " + describe(), () -> reactor.listenTCP(port, factory, backlog, iface));
    }

    public int getPort() { return port; }
    public int getBacklog() { return backlog; }
    public String getInterface() { return iface; }

    private String describe() {
        return Endpoints.describeServer("tcp", port, iface);
    }

    @Override
    public String toString() { return "TCP4ServerEndpoint(" + describe() + ":backlog=" + backlog + ")"; }
}
