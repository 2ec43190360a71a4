package netmon.engine.reactor.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sockets for IPv4 addresses are IPv4 sockets (as in Twisted); the wildcard and IPv6 keep the JDK's default. */
@Timeout(10)
class AddressesFamilyTest {
    private static final InetSocketAddress V4 = new InetSocketAddress("127.0.0.1", 0);
    private static final InetSocketAddress V6 = new InetSocketAddress("::1", 0);

    @Test
    void ipv4AddressesAndOnlyThoseGetIpv4Sockets() {
        assertTrue(Addresses.ipv4Only(V4));
        assertTrue(Addresses.ipv4Only(new InetSocketAddress("10.1.2.3", 7000)));
        assertFalse(Addresses.ipv4Only(V6));
        assertFalse(Addresses.ipv4Only(new InetSocketAddress(7000)), "the wildcard stays dual-stack");
        assertFalse(Addresses.ipv4Only(new InetSocketAddress("0.0.0.0", 7000)), "the wildcard stays dual-stack");
    }

    @Test
    void aDatagramChannelForAnIpv4AddressIsAnIpv4SocketThatRefusesIpv6Addresses() throws Exception {
        try (DatagramChannel ch = Addresses.openDatagram(V4)) {
            assertThrows(UnsupportedAddressTypeException.class, () -> ch.bind(V6));
            ch.bind(V4);
            assertEquals("127.0.0.1", ((InetSocketAddress) ch.getLocalAddress()).getAddress().getHostAddress());
        }
    }

    @Test
    void aServerChannelForAnIpv4AddressIsAnIpv4SocketThatRefusesIpv6Addresses() throws Exception {
        try (ServerSocketChannel ch = Addresses.openServer(V4)) {
            assertThrows(UnsupportedAddressTypeException.class, () -> ch.bind(V6));
            ch.bind(V4);
            assertEquals("127.0.0.1", ((InetSocketAddress) ch.getLocalAddress()).getAddress().getHostAddress());
        }
    }

    @Test
    void aClientChannelForAnIpv4DestinationIsAnIpv4SocketThatRefusesIpv6Addresses() throws Exception {
        try (SocketChannel ch = Addresses.openClient(V4)) {
            assertThrows(UnsupportedAddressTypeException.class, () -> ch.bind(V6));
        }
    }
}
