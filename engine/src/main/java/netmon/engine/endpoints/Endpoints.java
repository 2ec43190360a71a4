package netmon.engine.endpoints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netmon.engine.defer.Deferred;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.Reactor;

/**
 * Twisted's strports grammar for netmon: {@code tcp:PORT[:interface=ADDR][:backlog=N]},
 * {@code udp:PORT[:interface=ADDR]} for servers, {@code tcp:host=H:port=P[:timeout=S]} and
 * {@code udp:host=H:port=P} for clients.
 *
 * <p>The tokenizer is Twisted's: {@code :} separates arguments, the first {@code =} in an argument
 * splits key from value (so {@code a=b=c} is key {@code a}, value {@code b=c}), and a backslash makes
 * the next character literal. Positional parameters may also be given by name ({@code tcp:port=80}).
 * Unlike Twisted, the default interface is 127.0.0.1, not all interfaces.
 *
 * <p>{@link #parseServer} and {@link #parseClient} need no reactor, so a GUI can validate as the user
 * types; every problem is one {@link EndpointParseException} with a message fit to show.
 */
public final class Endpoints {
    /** netmon's default listening interface: loopback only, unlike Twisted's "" (all). */
    public static final String DEFAULT_INTERFACE = "127.0.0.1";
    /** Twisted's default listen backlog. */
    public static final int DEFAULT_BACKLOG = 50;
    /** Twisted's default client connect timeout, in seconds. */
    public static final double DEFAULT_TIMEOUT = 30;
    /** The largest UDP payload over IPv4; netmon's UDP ports accept datagrams up to this size. */
    public static final int MAX_UDP_PACKET_SIZE = 65507;

    private static final List<String> TCP_SERVER_PARAMS = List.of("port", "interface", "backlog");
    private static final List<String> UDP_SERVER_PARAMS = List.of("port", "interface");
    private static final List<String> TCP_CLIENT_PARAMS = List.of("host", "port", "timeout");
    private static final List<String> UDP_CLIENT_PARAMS = List.of("host", "port");
    private static final Set<String> TYPES = Set.of("tcp", "udp");

    private Endpoints() {}

    /**
     * Tokenizes {@code description} as Twisted's {@code _parse} does: for example
     * {@code parse("a:b:d=1:c")} is {@code (["a","b","c"], {"d":"1"})}. A repeated key keeps its last
     * value. Never throws for non-null input.
     */
    public static ParsedArguments parse(String description) {
        List<String> args = new ArrayList<>();
        Map<String, String> kwargs = new LinkedHashMap<>();
        StringBuilder current = new StringBuilder();
        String key = null;
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == '\\' && i + 1 < description.length()) {
                current.append(description.charAt(++i));
            } else if (c == ':') {
                if (key == null) args.add(current.toString());
                else kwargs.put(key, current.toString());
                current.setLength(0);
                key = null;
            } else if (c == '=' && key == null) {
                key = current.toString();
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (key == null) args.add(current.toString());
        else kwargs.put(key, current.toString());
        return new ParsedArguments(args, kwargs);
    }

    /** Escapes backslashes and colons so {@code value} survives {@link #parse} as one argument (Twisted's {@code quoteStringArgument}). */
    public static String quoteStringArgument(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** Parses and validates a server description ({@code tcp:...} or {@code udp:...}). */
    public static ServerDescription parseServer(String description) {
        String d = checkNotEmpty(description, "tcp:7000 or udp:7002");
        ParsedArguments p = parse(d);
        String type = checkType(d, p);
        boolean tcp = type.equals("tcp");
        Map<String, String> params = bind(d, type, p, tcp ? TCP_SERVER_PARAMS : UDP_SERVER_PARAMS);
        String portText = params.get("port");
        if (portText == null || portText.isEmpty()) {
            throw new EndpointParseException(d, "missing port (e.g. " + type + ":7000, or " + type + ":0 for any free port)");
        }
        int port = parsePort(d, portText, 0);
        String iface = params.getOrDefault("interface", DEFAULT_INTERFACE);
        if (!isNumericAddress(iface)) {
            throw new EndpointParseException(d, "interface must be a numeric IP address such as 127.0.0.1 or 0.0.0.0, got '" + iface + "'");
        }
        int backlog = DEFAULT_BACKLOG;
        String backlogText = params.get("backlog");
        if (backlogText != null) {
            backlog = parsePositiveInt(backlogText);
            if (backlog <= 0) throw new EndpointParseException(d, "backlog must be a positive number, got '" + backlogText + "'");
        }
        return new ServerDescription(type, port, iface, backlog);
    }

    /** Parses and validates a client description ({@code tcp:host=H:port=P[:timeout=S]}, {@code tcp:H:P}, {@code udp:host=H:port=P}). */
    public static ClientDescription parseClient(String description) {
        String d = checkNotEmpty(description, "tcp:host=127.0.0.1:port=7000");
        ParsedArguments p = parse(d);
        String type = checkType(d, p);
        boolean tcp = type.equals("tcp");
        Map<String, String> params = bind(d, type, p, tcp ? TCP_CLIENT_PARAMS : UDP_CLIENT_PARAMS);
        String host = params.get("host");
        if (host == null || host.isEmpty()) {
            throw new EndpointParseException(d, "missing host (e.g. " + type + ":host=127.0.0.1:port=7000)");
        }
        if (host.chars().anyMatch(Character::isWhitespace)) {
            throw new EndpointParseException(d, "host must not contain spaces, got '" + host + "'");
        }
        if (!tcp && !isNumericAddress(host)) {
            throw new EndpointParseException(d, "udp host must be a numeric IP address, got '" + host + "'");
        }
        String portText = params.get("port");
        if (portText == null || portText.isEmpty()) {
            throw new EndpointParseException(d, "missing port (e.g. " + type + ":host=" + host + ":port=7000)");
        }
        int port = parsePort(d, portText, 1);
        double timeout = DEFAULT_TIMEOUT;
        String timeoutText = params.get("timeout");
        if (timeoutText != null) {
            try {
                timeout = Double.parseDouble(timeoutText);
            } catch (NumberFormatException e) {
                timeout = Double.NaN;
            }
            if (!(timeout > 0) || Double.isInfinite(timeout) || !timeoutText.matches("[0-9.]+")) {
                throw new EndpointParseException(d, "timeout must be a positive number of seconds, got '" + timeoutText + "'");
            }
        }
        return new ClientDescription(type, host, port, timeout);
    }

    /**
     * Twisted's {@code serverFromString} for stream endpoints: {@code tcp:...} gives a
     * {@link TCP4ServerEndpoint}. A {@code udp:} description is rejected: use {@link #udpServerFromString}.
     */
    public static TCP4ServerEndpoint serverFromString(Reactor reactor, String description) {
        ServerDescription s = parseServer(description);
        if (s.isDatagram()) {
            throw new EndpointParseException(description.strip(), "udp is a datagram endpoint; this needs a stream endpoint (tcp:PORT)");
        }
        return new TCP4ServerEndpoint(reactor, s.port(), s.backlog(), s.iface());
    }

    /** A UDP server endpoint from {@code udp:PORT[:interface=ADDR]}; datagrams up to {@link #MAX_UDP_PACKET_SIZE}. */
    public static UDP4ServerEndpoint udpServerFromString(Reactor reactor, String description) {
        ServerDescription s = parseServer(description);
        if (!s.isDatagram()) {
            throw new EndpointParseException(description.strip(), "tcp is a stream endpoint; this needs a datagram endpoint (udp:PORT)");
        }
        return new UDP4ServerEndpoint(reactor, s.port(), s.iface(), MAX_UDP_PACKET_SIZE);
    }

    /**
     * Twisted's {@code clientFromString}: {@code tcp:host=H:port=P[:timeout=S]} (or {@code tcp:H:P}) gives
     * a {@link TCP4ClientEndpoint}. A {@code udp:} description is rejected: use {@link #udpClientFromString}.
     */
    public static TCP4ClientEndpoint clientFromString(Reactor reactor, String description) {
        ClientDescription c = parseClient(description);
        if (c.isDatagram()) {
            throw new EndpointParseException(description.strip(), "udp is a datagram endpoint; this needs a stream endpoint (tcp:host=H:port=P)");
        }
        return new TCP4ClientEndpoint(reactor, c.host(), c.port(), c.timeoutSeconds());
    }

    /** A connected-UDP client endpoint from {@code udp:host=H:port=P}. */
    public static UDP4ClientEndpoint udpClientFromString(Reactor reactor, String description) {
        ClientDescription c = parseClient(description);
        if (!c.isDatagram()) {
            throw new EndpointParseException(description.strip(), "tcp is a stream endpoint; this needs a datagram endpoint (udp:host=H:port=P)");
        }
        return new UDP4ClientEndpoint(reactor, c.host(), c.port());
    }

    static String formatSeconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    /** True for an IPv4 dotted quad or an IPv6 literal; never resolves names. */
    static boolean isNumericAddress(String s) {
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) return false;
            }
            return true;
        }
        if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
            try {
                // A literal containing ':' is parsed, not looked up.
                return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String checkNotEmpty(String description, String example) {
        if (description == null || description.isBlank()) {
            throw new EndpointParseException(description == null ? "" : description,
                    "empty endpoint description (expected e.g. " + example + ")");
        }
        // Surrounding spaces come from copy and paste, never from intent.
        return description.strip();
    }

    private static String checkType(String d, ParsedArguments p) {
        String type = p.args().get(0);
        if (TYPES.contains(type)) return type;
        if (type.matches("\\d+") && p.args().size() == 1 && p.kwargs().isEmpty()) {
            throw new EndpointParseException(d, "unknown endpoint type '" + type + "' (expected tcp or udp; did you mean tcp:" + type + "?)");
        }
        throw new EndpointParseException(d, "unknown endpoint type '" + type + "' (expected tcp or udp)");
    }

    /** Binds positional and keyword arguments to {@code names} the way Python binds a call's arguments. */
    private static Map<String, String> bind(String d, String type, ParsedArguments p, List<String> names) {
        Map<String, String> bound = new LinkedHashMap<>();
        List<String> positional = p.args().subList(1, p.args().size());
        if (positional.size() > names.size()) {
            throw new EndpointParseException(d, "too many arguments for " + type + ": expected at most "
                    + names.size() + " (" + String.join(", ", names) + "), got " + positional.size());
        }
        for (int i = 0; i < positional.size(); i++) bound.put(names.get(i), positional.get(i));
        for (Map.Entry<String, String> e : p.kwargs().entrySet()) {
            if (!names.contains(e.getKey())) {
                throw new EndpointParseException(d, "unknown option '" + e.getKey() + "' for " + type
                        + " (expected " + String.join(", ", names) + ")");
            }
            if (bound.containsKey(e.getKey())) {
                throw new EndpointParseException(d, e.getKey() + " given twice");
            }
            bound.put(e.getKey(), e.getValue());
        }
        return bound;
    }

    private static int parsePort(String d, String text, int min) {
        if (!text.matches("\\d+")) {
            throw new EndpointParseException(d, "port must be a number " + min + "-65535, got '" + text + "'");
        }
        int port = parsePositiveInt(text);
        if (port < min || port > 65535) {
            throw new EndpointParseException(d, "port must be " + min + "-65535, got " + text);
        }
        return port;
    }

    /** The value of a string of digits, -1 for anything else, Integer.MAX_VALUE when too large. */
    private static int parsePositiveInt(String text) {
        if (!text.matches("\\d+")) return -1;
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * Runs a listen call that reports failure by throwing, and returns a Deferred labelled {@code label}
     * that has fired either way, so callers have one path for errors.
     */
    static Deferred<ListeningPort> listenNow(String label, java.util.function.Supplier<ListeningPort> listen) {
        Deferred<ListeningPort> d = new Deferred<ListeningPort>().setLabel(label);
        ListeningPort p;
        try {
            p = listen.get();
        } catch (RuntimeException e) {
            d.errback(e);
            return d;
        }
        d.callback(p);
        return d;
    }

    /** {@code TYPE:PORT[:interface=ADDR]}, the interface omitted when it is the default. */
    static String describeServer(String type, int port, String iface) {
        return type + ":" + port + (iface.equals(DEFAULT_INTERFACE) ? "" : ":interface=" + quoteStringArgument(iface));
    }
}
