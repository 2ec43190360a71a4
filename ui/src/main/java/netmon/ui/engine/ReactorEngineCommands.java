package netmon.ui.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import netmon.engine.builtin.Builtins;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Transport;
import netmon.engine.reactor.Reactor;

/**
 * The UI's façade over a running reactor: every command crosses with {@code callFromThread}, runs on the
 * reactor thread, and its result comes back through {@code fx} (e.g. {@code Platform::runLater}) as a
 * Deferred fired on the FX thread. Commands are rare (a click each), so one hand-off per result is fine;
 * the monitor's event stream goes through the bridge instead.
 */
public final class ReactorEngineCommands implements EngineCommands {
    /** The largest UDP datagram the built-in udp-echo reads whole. */
    public static final int MAX_DATAGRAM = 65507;

    /**
     * A parsed server endpoint.
     *
     * @param type    {@code tcp} or {@code udp}
     * @param port    0..65535 (0 = ephemeral)
     * @param iface   the interface to bind
     * @param backlog the TCP listen backlog
     */
    public record ServerSpec(String type, int port, String iface, int backlog) {}

    /** Parses an endpoint string, throwing IllegalArgumentException with one clear message. */
    @FunctionalInterface
    public interface EndpointParser {
        ServerSpec parse(String endpoint);
    }

    private final Reactor reactor;
    private final Executor fx;
    private final EndpointParser parser;
    // Reactor thread only.
    private final Map<Long, ListeningPort> ports = new HashMap<>();
    private final Map<Long, Transport> connections = new HashMap<>();

    /** Commands on {@code reactor}, results delivered through {@code fx}, endpoints checked by {@code parser}. */
    public ReactorEngineCommands(Reactor reactor, Executor fx, EndpointParser parser) {
        this.reactor = reactor;
        this.fx = fx;
        this.parser = parser;
    }

    @Override
    public String validate(String kind, String endpoint) {
        if (!Builtins.NAMES.contains(kind)) return "unknown service '" + kind + "' (expected " + String.join(", ", Builtins.NAMES) + ")";
        ServerSpec s;
        try {
            s = parser.parse(endpoint == null ? "" : endpoint.trim());
        } catch (IllegalArgumentException e) {
            return e.getMessage() == null ? "bad endpoint" : e.getMessage();
        }
        String want = Builtins.isDatagram(kind) ? "udp" : "tcp";
        if (!want.equals(s.type())) return kind + " needs a " + want + ": endpoint, e.g. " + want + ":" + (s.port() == 0 ? "0" : s.port());
        return null;
    }

    private <T> void deliver(Deferred<T> d, T value) { fx.execute(() -> d.callback(value)); }

    private <T> void deliverFailure(Deferred<T> d, Throwable t) { fx.execute(() -> d.errback(t)); }

    private <T> void deliverFailure(Deferred<T> d, Failure f) { fx.execute(() -> d.errback(f)); }

    @Override
    public Deferred<ListenerHandle> startListener(String kind, String endpoint) {
        Deferred<ListenerHandle> result = new Deferred<>();
        String invalid = validate(kind, endpoint);
        if (invalid != null) {
            result.errback(new IllegalArgumentException(invalid));
            return result;
        }
        ServerSpec s = parser.parse(endpoint.trim());
        reactor.callFromThread(() -> {
            try {
                ListeningPort port = s.type().equals("udp")
                        ? reactor.listenUDP(s.port(), Builtins.udpEchoProtocol(), s.iface(), MAX_DATAGRAM)
                        : reactor.listenTCP(s.port(), new TrackingFactory(Builtins.tcpFactory(kind), connections), s.backlog(), s.iface());
                ports.put(port.listenerId(), port);
                deliver(result, new ListenerHandle(port.listenerId(), kind, s.type(), port.getHost()));
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
