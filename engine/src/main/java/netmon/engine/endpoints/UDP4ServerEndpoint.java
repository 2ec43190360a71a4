package netmon.engine.endpoints;

import java.util.Objects;
import netmon.engine.defer.Deferred;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.Reactor;

/** Binds a UDP port through {@link Reactor#listenUDP}: the datagram twin of {@link TCP4ServerEndpoint}. Reactor thread. */
public final class UDP4ServerEndpoint implements DatagramServerEndpoint {
    private final Reactor reactor;
    private final int port;
    private final String iface;
    private final int maxPacketSize;

    public UDP4ServerEndpoint(Reactor reactor, int port, String iface, int maxPacketSize) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = port;
        this.iface = Objects.requireNonNull(iface, "iface");
        this.maxPacketSize = maxPacketSize;
    }

    /** Binds now; a synchronous {@code CannotListenError} becomes an errback of the Deferred labelled {@code listen udp:PORT}. */
    @Override
    public Deferred<ListeningPort> listen(DatagramProtocol protocol) {
        assert reactor.isReactorThread() : "endpoints are used on the reactor thread";
        return Endpoints.listenNow("listen " + describe(), () -> reactor.listenUDP(port, protocol, iface, maxPacketSize));
    }

    public int getPort() { return port; }
    public String getInterface() { return iface; }
    public int getMaxPacketSize() { return maxPacketSize; }

    private String describe() {
        return Endpoints.describeServer("udp", port, iface);
    }

    @Override
    public String toString() { return "UDP4ServerEndpoint(" + describe() + ")"; }
}
