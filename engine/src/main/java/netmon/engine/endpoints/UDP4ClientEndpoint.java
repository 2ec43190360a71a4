package netmon.engine.endpoints;

import java.util.Objects;
import netmon.engine.defer.Deferred;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.DatagramTransport;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.Reactor;

/**
 * A connected UDP socket to one peer: binds an ephemeral local port and connects its transport to
 * {@code host:port} before the protocol's {@code startProtocol}, so the protocol may write with a null
 * address. netmon's extension; Twisted has no datagram endpoints. Reactor thread.
 */
public final class UDP4ClientEndpoint {
    private final Reactor reactor;
    private final String host;
    private final int port;

    public UDP4ClientEndpoint(Reactor reactor, String host, int port) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /** Binds and connects; the Deferred (labelled {@code connect udp:H:P}) fires with the local port, or errbacks. */
    public Deferred<ListeningPort> connect(DatagramProtocol protocol) {
        assert reactor.isReactorThread() : "endpoints are used on the reactor thread";
        Objects.requireNonNull(protocol, "protocol");
        Deferred<ListeningPort> d = new Deferred<ListeningPort>().setLabel("connect udp:" + host + ":" + port);
        ListeningPort p;
        try {
            // Bind to all interfaces: the peer may be reached through any of them.
            p = reactor.listenUDP(0, new ConnectingProtocol(protocol, host, port), "", Endpoints.MAX_UDP_PACKET_SIZE);
        } catch (RuntimeException e) {
            d.errback(e);
            return d;
        }
        d.callback(p);
        return d;
    }

    public String getHost() { return host; }
    public int getPort() { return port; }

    /** Connects the transport before the caller's protocol sees it, then passes every event through. */
    static final class ConnectingProtocol extends DatagramProtocol {
        final DatagramProtocol wrapped;
        private final String host;
        private final int port;

        ConnectingProtocol(DatagramProtocol wrapped, String host, int port) {
            this.wrapped = wrapped;
            this.host = host;
            this.port = port;
        }

        @Override
        public void makeConnection(DatagramTransport t) {
            super.makeConnection(t);
            t.connect(host, port);
            wrapped.makeConnection(t);
        }

        @Override public void startProtocol() { wrapped.startProtocol(); }
        @Override public void stopProtocol() { wrapped.stopProtocol(); }
        @Override public void datagramReceived(byte[] data, Address from) { wrapped.datagramReceived(data, from); }
        @Override public void connectionRefused() { wrapped.connectionRefused(); }
        @Override public String logPrefix() { return wrapped.logPrefix(); }
    }
}
