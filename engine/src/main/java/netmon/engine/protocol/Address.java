package netmon.engine.protocol;

import java.net.InetSocketAddress;

/**
 * An IPv4/IPv6 socket address as a transport reports it ({@code getPeer()}, {@code getHost()}):
 * the type ({@code TCP} or {@code UDP}), a numeric host string and a port. Twisted's {@code IPv4Address}.
 */
public record Address(String type, String host, int port) {

    /** Builds an address from a resolved socket address; the host is always numeric. */
    public static Address of(String type, InetSocketAddress sa) {
        String host = sa.getAddress() != null ? sa.getAddress().getHostAddress() : sa.getHostString();
        return new Address(type, host, sa.getPort());
    }

    /** {@code HOST:PORT}, with IPv6 hosts in brackets. */
    public String hostPort() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Override
    public String toString() {
        return type + ":" + hostPort();
    }
}
