package netmon.engine.reactor.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import netmon.engine.defer.CancelledError;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectError;
import netmon.engine.error.ConnectionRefusedError;
import netmon.engine.error.TCPTimedOutError;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.Protocol;
import netmon.engine.reactor.DelayedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An outgoing TCP connection attempt and its retries: Twisted's {@code tcp.Connector}. Reactor thread. */
public final class TcpConnector implements Connector, Selectable {
    private static final Logger log = LoggerFactory.getLogger(TcpConnector.class);

    private final IoHost host;
    private final String hostName;
    private final int port;
    private final ClientFactory factory;
    private final double timeout;
    private String state = "disconnected";
    private boolean factoryStarted;
    private int attempt;          // bumps on every connect(); stale async results compare it
    private SocketChannel channel;
    private SelectionKey key;
    private DelayedCall timeoutCall;
    private TcpConnection connection;

    /** A connector that has not started; call {@link #connect()}. */
    public TcpConnector(IoHost host, String hostName, int port, ClientFactory factory, double timeout) {
        this.host = host;
        this.hostName = hostName;
        this.port = port;
        this.factory = factory;
        this.timeout = timeout;
    }

    @Override
    public void connect() {
        assert host.mayTouch();
        if (!"disconnected".equals(state)) throw new IllegalStateException("can't connect in state " + state);
        state = "connecting";
        int my = ++attempt;
        if (!factoryStarted) {
            factory.doStart();
            factoryStarted = true;
        }
        if (timeout > 0) timeoutCall = host.callLater(timeout, () -> {
            timeoutCall = null;
            failed(new TCPTimedOutError("TCP connection timed out: connecting to " + hostName + ":" + port + " took over " + timeout + " s"));
        });
        factory.startedConnecting(this);
        if (attempt != my || !"connecting".equals(state)) return;
        if (Addresses.isNumeric(hostName)) {
            // Like Twisted, the socket work starts on the next iteration: connectTCP never calls the
            // protocol back before it returns, even when a loopback connect completes at once.
            host.callLater(0, () -> begin(my, new InetSocketAddress(hostName, port)));
        } else {
            // Name resolution can block: do it off the loop.
            host.callInThread(() -> {
                InetSocketAddress sa = new InetSocketAddress(hostName, port);
                host.callFromThread(() -> begin(my, sa));
            });
        }
    }

    private void begin(int my, InetSocketAddress sa) {
        if (attempt != my || !"connecting".equals(state)) return;
        if (sa.isUnresolved()) {
            failed(new ConnectError("DNS lookup failed: " + hostName));
            return;
        }
        try {
            channel = Addresses.openClient(sa);
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (channel.connect(sa)) {
                connected();
            } else {
                host.opened(this);
                key = channel.register(host.selector(), SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            failed(translate(e));
        }
    }

    @Override
    public void onReady(int readyOps) {
        if (!"connecting".equals(state) || channel == null) return;
        try {
            if (!channel.finishConnect()) return;
        } catch (IOException e) {
            failed(translate(e));
            return;
        }
        connected();
    }

    private ConnectError translate(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof ConnectException && m.toLowerCase().contains("refused")) {
            return new ConnectionRefusedError("Connection was refused by other side: " + m);
        }
        if (e instanceof NoRouteToHostException) return new ConnectError("No route to host: " + m, e);
        return new ConnectError("An error occurred while connecting: " + m, e);
    }

    private void connected() {
        cancelTimeout();
        SelectionKey k = key;
        key = null;
        host.closed(this);
        SocketChannel ch = channel;
        channel = null;
        TcpConnection c;
        Protocol p;
        try {
            c = new TcpConnection(host, ch, 0, true);
            p = factory.buildProtocol(c.peer());
        } catch (IOException | RuntimeException e) {
            if (k != null) k.cancel();
            closeQuietly(ch);
            failed(new ConnectError("connection setup failed: " + e, e));
            return;
        }
        if (p == null) {
            if (k != null) k.cancel();
            closeQuietly(ch);
            failed(new ConnectError("buildProtocol returned null"));
            return;
        }
        state = "connected";
        connection = c;
        try {
            c.start(p, factory.logPrefix(), this::lost, k);
        } catch (IOException e) {
            closeQuietly(ch);
            connection = null;
            state = "connecting";
            failed(new ConnectError("register failed: " + e, e));
        }
    }

    private void lost(Failure reason) {
        connection = null;
        state = "disconnected";
        factory.clientConnectionLost(this, reason);
        stopFactoryIfIdle();
    }

    private void failed(Throwable why) {
        if (!"connecting".equals(state)) return;
        cancelTimeout();
        if (key != null) {
            key.cancel();
            key = null;
        }
        host.closed(this);
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
        state = "disconnected";
        try {
            factory.clientConnectionFailed(this, Failure.of(why));
        } catch (RuntimeException e) {
            log.error("clientConnectionFailed failed", e);
        }
        stopFactoryIfIdle();
    }

    private void stopFactoryIfIdle() {
        if ("disconnected".equals(state) && factoryStarted) {
            factoryStarted = false;
            factory.doStop();
        }
    }

    private void cancelTimeout() {
        if (timeoutCall != null && timeoutCall.active()) timeoutCall.cancel();
        timeoutCall = null;
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            if (ch != null) ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void stopConnecting() {
        if (!"connecting".equals(state)) throw new IllegalStateException("not connecting (state " + state + ")");
        failed(new CancelledError("connection attempt stopped"));
    }

    @Override
    public void disconnect() {
        if ("connecting".equals(state)) stopConnecting();
        else if ("connected".equals(state) && connection != null) connection.loseConnection();
    }

    @Override
    public void shutdown() {
        if ("connecting".equals(state)) stopConnecting();
    }

    @Override public Address getDestination() { return new Address("TCP", hostName, port); }

    @Override public String getState() { return state; }

    /** The connection, while connected. */
    public TcpConnection connection() { return connection; }

    @Override public String toString() { return "TcpConnector(" + hostName + ":" + port + ", " + state + ")"; }
}
