package netmon.engine.reactor.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listening TCP port: Twisted's {@code tcp.Port}. Reactor thread. */
public final class TcpPort extends AbstractPort {
    private static final Logger log = LoggerFactory.getLogger(TcpPort.class);
    /** Listener ids, shared by TCP and UDP ports. */
    public static final AtomicLong LISTENER_IDS = new AtomicLong();
    private static final int MAX_ACCEPTS = 64;
    private static final double EMFILE_PAUSE = 0.1;
    /** The default cap on connections open at once per listener. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /**
     * System property that replaces {@link #DEFAULT_MAX_CONNECTIONS} for listeners made afterwards, for a
     * server meant to hold more (e.g. {@code -Dnetmon.maxConnections=50000} for the idle-connections
     * benchmark); read when each port is made. Values below 1 are ignored.
     */
    public static final String MAX_CONNECTIONS_PROPERTY = "netmon.maxConnections";

    private final IoHost host;
    private final Factory factory;
    private final ServerSocketChannel server;
    private final long id = LISTENER_IDS.incrementAndGet();
    private final Address address;
    private final SelectionKey key;
    private int maxConnections = defaultMaxConnections();
    private int openConnections;
    private long refusedConnections;

    private TcpPort(IoHost host, Factory factory, ServerSocketChannel server) throws IOException {
        this.host = host;
        this.factory = factory;
        this.server = server;
        this.address = Address.of("TCP", (InetSocketAddress) server.getLocalAddress());
        server.configureBlocking(false);
        this.key = server.register(host.selector(), SelectionKey.OP_ACCEPT, this);
    }

    /** Binds and starts accepting; CannotListenError on failure (also reported to the monitor). */
    public static TcpPort listen(IoHost host, int port, Factory factory, int backlog, String iface) {
        String ifc = iface == null ? "" : iface;
        ServerSocketChannel ch = null;
        try {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            InetSocketAddress sa = ifc.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(ifc, port);
            if (sa.isUnresolved()) throw new IOException("unknown interface " + ifc);
            ch = Addresses.openServer(sa);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(sa, backlog > 0 ? backlog : 50);
            TcpPort p = new TcpPort(host, factory, ch);
            factory.doStart();
            host.opened(p);
            MonitorListener m = host.monitor().listener();
            if (m != MonitorListener.NONE) m.listenerStarted(p.info());
            return p;
        } catch (IOException | RuntimeException e) {
            throw failed(host, ch, "tcp", ifc, port, factory.logPrefix(), e);
        }
    }

    /**
     * Caps the connections this listener keeps open at once; beyond it a new connection is accepted and
     * closed at once, counted and reported as refused. Reactor thread (or before the reactor runs).
     */
    public void setMaxConnections(int max) {
        assert host.mayTouch();
        if (max < 1) throw new IllegalArgumentException("maxConnections must be >= 1, got " + max);
        maxConnections = max;
    }

    private static int defaultMaxConnections() {
        Integer v = Integer.getInteger(MAX_CONNECTIONS_PROPERTY);
        return v != null && v >= 1 ? v : DEFAULT_MAX_CONNECTIONS;
    }

    /** The connection cap ({@link #DEFAULT_MAX_CONNECTIONS} unless set, or the property {@value #MAX_CONNECTIONS_PROPERTY}). */
    public int maxConnections() { return maxConnections; }

    /** Connections accepted by this listener and still open. Reactor thread. */
    public int openConnections() { return openConnections; }

    /** Connections refused so far because of the cap. Reactor thread. */
    public long refusedConnections() { return refusedConnections; }

    @Override IoHost host() { return host; }

    @Override SelectionKey key() { return key; }

    @Override Channel channel() { return server; }

    @Override String proto() { return "tcp"; }

    @Override void stopUser() { factory.doStop(); }

    @Override ListenerInfo info() { return new ListenerInfo(id, factory.logPrefix(), "tcp", address); }

    @Override public boolean isListener() { return true; }

    @Override
    public void onReady(int readyOps) {
        for (int i = 0; i < MAX_ACCEPTS && !stopped; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                acceptFailed(e);
                return;
            }
            if (ch == null) return;
            host.countEvent();
            try {
                accepted(ch);
            } catch (Throwable t) {
                // An error here (even an Error such as a class that cannot load while out of
                // descriptors) must cost this one connection, never the listener.
                log.error("setting up an accepted connection on {} failed; closing it", address, t);
                closeQuietly(ch);
            }
        }
    }

    private void acceptFailed(IOException e) {
        String msg = String.valueOf(e.getMessage());
        // Out of descriptors (EMFILE/ENFILE) or another transient error: stop accepting for a moment
        // rather than spinning on a readiness that cannot be served, and keep the port.
        log.error("accept on {} failed ({}); pausing accepts for {} s", address, msg, EMFILE_PAUSE);
        MonitorListener m = host.monitor().listener();
        // The refused peer is unknown: the kernel still holds it in the backlog.
        if (m != MonitorListener.NONE) m.connectionRefused(id, new Address("TCP", "0.0.0.0", 0), msg);
        try {
            key.interestOps(0);
        } catch (CancelledKeyException ignored) {
            return;
        }
        host.callLater(EMFILE_PAUSE, () -> {
            if (!stopped && key.isValid()) key.interestOps(SelectionKey.OP_ACCEPT);
        });
    }

    private void accepted(SocketChannel ch) {
        if (openConnections >= maxConnections) {
            overCap(ch);
            return;
        }
        TcpConnection c;
        try {
            c = new TcpConnection(host, ch, id, false);
        } catch (IOException e) {
            log.debug("accepted socket unusable: {}", e.toString());
            closeQuietly(ch);
            return;
        }
        Protocol p;
        try {
            p = factory.buildProtocol(c.peer());
        } catch (RuntimeException e) {
            log.error("buildProtocol failed on {}; closing the new connection", address, e);
            refuse(ch, c.peer(), "buildProtocol failed: " + e);
            return;
        }
        if (p == null) {
            refuse(ch, c.peer(), "buildProtocol returned null");
            return;
        }
        openConnections++;
        try {
            // The lost listener runs once, whatever ends the connection (even connectionMade throwing).
            c.start(p, factory.logPrefix(), reason -> openConnections--, null);
        } catch (IOException e) {
            openConnections--;
            log.debug("register failed: {}", e.toString());
            closeQuietly(ch);
        }
    }

    /** Over the cap: close cleanly (a FIN, not a reset) without building a protocol. */
    private void overCap(SocketChannel ch) {
        refusedConnections++;
        Address peer;
        try {
            peer = Address.of("TCP", (InetSocketAddress) ch.getRemoteAddress());
        } catch (IOException | RuntimeException e) {
            peer = new Address("TCP", "0.0.0.0", 0);
        }
        // Logged at most once per power of two so a flood cannot flood the log too.
        if (Long.bitCount(refusedConnections) == 1) {
            log.warn("{} refused a connection from {}: connection limit {} reached ({} refused so far)",
                    address, peer.hostPort(), maxConnections, refusedConnections);
        }
        refuse(ch, peer, "connection limit " + maxConnections);
    }

    private void refuse(SocketChannel ch, Address peer, String why) {
        closeQuietly(ch);
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) m.connectionRefused(id, peer, why);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override public Address getHost() { return address; }

    @Override public long listenerId() { return id; }

    @Override public String toString() { return "TcpPort#" + id + "(" + address.hostPort() + ")"; }
}
