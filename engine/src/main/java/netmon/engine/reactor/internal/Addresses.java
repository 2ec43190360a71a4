package netmon.engine.reactor.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.regex.Pattern;

/** Small helpers for numeric address checks, done without DNS. */
public final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Addresses() {}

    /** True if {@code host} is an IPv4 or IPv6 literal, so resolving it never touches DNS. */
    public static boolean isNumeric(String host) {
        if (host == null || host.isEmpty()) return false;
        if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) if (Integer.parseInt(part) > 255) return false;
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.indexOf(':') >= 0 && h.matches("[0-9a-fA-F:.%\\w]+");
    }

    /**
     * True if a socket for {@code sa} should be an IPv4 one: a specific IPv4 address (the wildcard stays
     * a dual-stack socket, which the JDK binds to {@code ::} so IPv6 clients still reach it). Like Twisted,
     * which opens AF_INET sockets for IPv4 addresses: the JDK's default IPv6 socket carrying IPv4-mapped
     * addresses costs the kernel its IPv6 layer on every datagram (udpv6_sendmsg/udpv6_recvmsg around the
     * IPv4 path) and a 28-byte address each way.
     */
    static boolean ipv4Only(InetSocketAddress sa) {
        return sa.getAddress() instanceof Inet4Address a && !a.isAnyLocalAddress();
    }

    /** A server channel of the family {@link #ipv4Only} picks for {@code sa}. */
    static ServerSocketChannel openServer(InetSocketAddress sa) throws IOException {
        return ipv4Only(sa) ? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open();
    }

    /** A datagram channel of the family {@link #ipv4Only} picks for {@code sa}. */
    static DatagramChannel openDatagram(InetSocketAddress sa) throws IOException {
        return ipv4Only(sa) ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
    }

    /** A client channel of the family {@link #ipv4Only} picks for the destination {@code sa}. */
    static SocketChannel openClient(InetSocketAddress sa) throws IOException {
        return ipv4Only(sa) ? SocketChannel.open(StandardProtocolFamily.INET) : SocketChannel.open();
    }
}
