package netmon.engine.endpoints;

/**
 * A validated server endpoint description: {@code type} is {@code "tcp"} or {@code "udp"}, {@code port}
 * is 0-65535 (0 = ephemeral), {@code iface} a numeric IP address, {@code backlog} positive (ignored for
 * udp). {@link #toString()} gives the canonical strports form.
 */
public record ServerDescription(String type, int port, String iface, int backlog) {

    /** True for {@code udp:}. */
    public boolean isDatagram() { return "udp".equals(type); }

    /** The canonical description, e.g. {@code tcp:7000:interface=127.0.0.1:backlog=50}. */
    @Override
    public String toString() {
        String s = type + ":" + port + ":interface=" + Endpoints.quoteStringArgument(iface);
        return "tcp".equals(type) ? s + ":backlog=" + backlog : s;
    }
}
