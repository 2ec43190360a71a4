package netmon.ui.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import netmon.engine.builtin.Builtins;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.endpoints.EndpointParseException;
import netmon.engine.endpoints.Endpoints;
import netmon.engine.endpoints.ServerDescription;
import netmon.engine.endpoints.TCP4ServerEndpoint;
import netmon.engine.endpoints.UDP4ServerEndpoint;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.service.BuiltinServer;
import netmon.engine.protocol.Transport;
import netmon.engine.reactor.Reactor;
// The engine's TCP port carries the connection cap and its refusal count; no public interface exposes them yet.
import netmon.engine.reactor.internal.TcpPort;

/**
 * The UI's façade over a running reactor: every command crosses with {@code callFromThread}, runs on the
 * reactor thread, and its result comes back through {@code fx} (e.g. {@code Platform::runLater}) as a
 * Deferred fired on the FX thread. Commands are rare (a click each), so one hand-off per result is fine;
 * the monitor's event stream goes through the bridge instead.
 */
public final class ReactorEngineCommands implements EngineCommands {
    private final Reactor reactor;
    private final Executor fx;
    // Reactor thread only.
    private final Map<Long, ListeningPort> ports = new HashMap<>();
    private final Map<Long, Transport> connections = new HashMap<>();

    /** Commands on {@code reactor}, results delivered through {@code fx} (the FX thread's executor). */
    public ReactorEngineCommands(Reactor reactor, Executor fx) {
        this.reactor = reactor;
        this.fx = fx;
    }

    @Override
    public String validate(String kind, String endpoint) {
        try {
            BuiltinServer.validate(kind, endpoint == null ? "" : endpoint.strip());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage() == null ? "bad endpoint" : e.getMessage();
        }
    }

    private <T> void deliver(Deferred<T> d, T value) { fx.execute(() -> d.callback(value)); }

    private <T> void deliverFailure(Deferred<T> d, Throwable t) { fx.execute(() -> d.errback(t)); }

    private <T> void deliverFailure(Deferred<T> d, Failure f) { fx.execute(() -> d.errback(f)); }

    @Override
    public Deferred<ListenerHandle> startListener(String kind, String endpoint) {
        return startListener(kind, endpoint, TcpPort.DEFAULT_MAX_CONNECTIONS);
    }

    @Override
    public Deferred<ListenerHandle> startListener(String kind, String endpoint, int maxConnections) {
        Deferred<ListenerHandle> result = new Deferred<>();
        if (maxConnections < 1) {
            result.errback(new IllegalArgumentException("connection cap must be at least 1, got " + maxConnections));
            return result;
        }
        String invalid = validate(kind, endpoint);
        if (invalid != null) {
            result.errback(new EndpointParseException(endpoint, invalid));
            return result;
        }
        String ep = endpoint.strip();
        ServerDescription d = BuiltinServer.validate(kind, ep);
        reactor.callFromThread(() -> {
            assert reactor.isReactorThread();
            try {
                Deferred<ListeningPort> listening = d.isDatagram()
                        ? new UDP4ServerEndpoint(reactor, d.port(), d.iface(), Endpoints.MAX_UDP_PACKET_SIZE).listen(Builtins.udpEchoProtocol())
                        : new TCP4ServerEndpoint(reactor, d.port(), d.backlog(), d.iface())
                                .listen(new TrackingFactory(Builtins.tcpFactory(kind), connections));
                listening.setLabel("gui listen " + kind + " " + d.type() + ":" + d.port());
                listening.addCallbacks(port -> {
                    // The cap is set before the reactor returns to select(), so no connection can slip in uncapped.
                    if (port instanceof TcpPort tcp) tcp.setMaxConnections(maxConnections);
                    ports.put(port.listenerId(), port);
                    deliver(result, new ListenerHandle(port.listenerId(), kind, d.type(), port.getHost()));
                    return null;
                }, f -> {
                    deliverFailure(result, f);
                    return null;
                });
            } catch (RuntimeException | Error e) {
                deliverFailure(result, e);
            }
        });
        return result;
    }

    @Override
    public Deferred<Void> stopListener(ListenerHandle handle) {
        Deferred<Void> result = new Deferred<>();
        reactor.callFromThread(() -> {
            assert reactor.isReactorThread();
            ListeningPort port = ports.remove(handle.listenerId());
            if (port == null) {
                deliver(result, null);
                return;
            }
            try {
                port.stopListening().addCallbacks(v -> {
                    deliver(result, null);
                    return null;
                }, f -> {
                    deliverFailure(result, f);
                    return null;
                });
            } catch (RuntimeException e) {
                deliverFailure(result, e);
            }
        });
        return result;
    }

    @Override
    public Deferred<Void> setMaxConnections(ListenerHandle handle, int maxConnections) {
        Deferred<Void> result = new Deferred<>();
        if (maxConnections < 1) {
            result.errback(new IllegalArgumentException("connection cap must be at least 1, got " + maxConnections));
            return result;
        }
        reactor.callFromThread(() -> {
            assert reactor.isReactorThread();
            if (ports.get(handle.listenerId()) instanceof TcpPort tcp) tcp.setMaxConnections(maxConnections);
            deliver(result, null);
        });
        return result;
    }

    @Override
    public Deferred<Long> refusedConnections(ListenerHandle handle) {
        Deferred<Long> result = new Deferred<>();
        reactor.callFromThread(() -> {
            assert reactor.isReactorThread();
            deliver(result, ports.get(handle.listenerId()) instanceof TcpPort tcp ? tcp.refusedConnections() : 0L);
        });
        return result;
    }

    @Override
    public Deferred<Boolean> closeConnection(long id) {
        return onConnection(id, Transport::loseConnection);
    }

    @Override
    public Deferred<Boolean> abortConnection(long id) {
        return onConnection(id, Transport::abortConnection);
    }

    private Deferred<Boolean> onConnection(long id, java.util.function.Consumer<Transport> action) {
        Deferred<Boolean> result = new Deferred<>();
        reactor.callFromThread(() -> {
            assert reactor.isReactorThread();
            Transport t = connections.get(id);
            if (t == null) {
                deliver(result, false);
                return;
            }
            try {
                action.accept(t);
                deliver(result, true);
            } catch (RuntimeException e) {
                deliverFailure(result, e);
            }
        });
        return result;
    }
}
