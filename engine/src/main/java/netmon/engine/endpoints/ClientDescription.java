package netmon.engine.endpoints;

/**
 * A validated client endpoint description: {@code type} {@code "tcp"} or {@code "udp"}, the host and
 * port to reach (1-65535) and, for tcp, the connect timeout in seconds (default 30).
 */
public record ClientDescription(String type, String host, int port, double timeoutSeconds) {

    /** True for {@code udp:}. */
    public boolean isDatagram() { return "udp".equals(type); }

    @Override
    public String toString() {
        String s = type + ":host=" + Endpoints.quoteStringArgument(host) + ":port=" + port;
        return "tcp".equals(type) ? s + ":timeout=" + Endpoints.formatSeconds(timeoutSeconds) : s;
    }
}
