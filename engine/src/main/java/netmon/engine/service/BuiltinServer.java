package netmon.engine.service;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import netmon.engine.builtin.Builtins;
import netmon.engine.defer.Deferred;
import netmon.engine.endpoints.EndpointParseException;
import netmon.engine.endpoints.Endpoints;
import netmon.engine.endpoints.ServerDescription;
import netmon.engine.endpoints.TCP4ServerEndpoint;
import netmon.engine.endpoints.UDP4ServerEndpoint;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.Reactor;

/**
 * One of netmon's built-in services (echo, chat, udp-echo) on one endpoint: what the headless
 * {@code serve NAME=ENDPOINT} and the GUI's service switches run. {@link #create} validates everything
 * up front; {@link #startService()} listens and {@link #whenListening()} tells how that went;
 * {@link #stopService()} closes the port. Each start builds a fresh factory or protocol. Reactor thread.
 *
 * <pre>{@code
 * BuiltinServer s = BuiltinServer.create(reactor, "echo", "tcp:0");
 * s.startService();
 * s.whenListening().addCallback(port -> { System.out.println(s.listeningMessage(port)); return null; });
 * }</pre>
 */
public final class BuiltinServer extends ListeningService {
    private final Reactor reactor;
    private final String kind;
    private final ServerDescription description;
    private final Function<String, Factory> tcpFactories;
    private final Supplier<DatagramProtocol> udpProtocols;

    private BuiltinServer(Reactor reactor, String kind, ServerDescription description,
                          Function<String, Factory> tcpFactories, Supplier<DatagramProtocol> udpProtocols) {
        super();
        setName(kind);
        this.reactor = reactor;
        this.kind = kind;
        this.description = description;
        this.tcpFactories = tcpFactories;
        this.udpProtocols = udpProtocols;
    }

    /**
     * A stopped built-in server. {@code name} is one of {@link Builtins#NAMES}; {@code endpoint} is a
     * server description whose type fits it ({@code udp:} for udp-echo, {@code tcp:} for echo and chat).
     *
     * @throws EndpointParseException with a message fit to show the user when either is wrong
     */
    public static BuiltinServer create(Reactor reactor, String name, String endpoint) {
        return create(reactor, name, endpoint, Builtins::tcpFactory, Builtins::udpEchoProtocol);
    }

    /** {@link #create(Reactor, String, String)} with other factories: for tests. */
    static BuiltinServer create(Reactor reactor, String name, String endpoint,
                                Function<String, Factory> tcpFactories, Supplier<DatagramProtocol> udpProtocols) {
        Objects.requireNonNull(reactor, "reactor");
        ServerDescription d = validate(name, endpoint);
        return new BuiltinServer(reactor, name, d, tcpFactories, udpProtocols);
    }

    /**
     * Checks a NAME=ENDPOINT pair without a reactor (for the command line and the GUI's validation).
     *
     * @throws EndpointParseException naming what is wrong
     */
    public static ServerDescription validate(String name, String endpoint) {
        if (name == null || !Builtins.NAMES.contains(name)) {
            throw EndpointParseException.withMessage(endpoint == null ? "" : endpoint,
                    "unknown service '" + name + "' (expected " + String.join(", ", Builtins.NAMES) + ")");
        }
        ServerDescription d = Endpoints.parseServer(endpoint);
        boolean wantsUdp = Builtins.isDatagram(name);
        if (wantsUdp && !d.isDatagram()) {
            throw new EndpointParseException(endpoint.strip(), name + " is a UDP service and needs udp:PORT[:interface=ADDR]");
        }
        if (!wantsUdp && d.isDatagram()) {
            throw new EndpointParseException(endpoint.strip(), name + " is a TCP service and needs tcp:PORT[:interface=ADDR][:backlog=N]");
        }
        return d;
    }

    @Override
    protected Deferred<ListeningPort> listen() {
        Deferred<ListeningPort> d;
        if (description.isDatagram()) {
            UDP4ServerEndpoint e = new UDP4ServerEndpoint(reactor, description.port(), description.iface(), Endpoints.MAX_UDP_PACKET_SIZE);
            d = e.listen(udpProtocols.get());
        } else {
            TCP4ServerEndpoint e = new TCP4ServerEndpoint(reactor, description.port(), description.backlog(), description.iface());
            d = e.listen(tcpFactories.apply(kind));
        }
        return d.setLabel("listen " + kind + " " + description.type() + ":" + description.port());
    }

    /** Which built-in this is: echo, chat or udp-echo. */
    public String kind() { return kind; }

    /** The validated endpoint. */
    public ServerDescription description() { return description; }

    /** The headless contract's line for {@code port}: {@code listening NAME PROTO ADDR:PORT}. */
    public String listeningMessage(ListeningPort port) {
        return "listening " + getName() + " " + description.type() + " " + port.getHost().hostPort();
    }

    @Override
    public String toString() {
        return "BuiltinServer(" + getName() + " " + description.type() + ":" + description.port() + (isRunning() ? ", running" : "") + ")";
    }
}
