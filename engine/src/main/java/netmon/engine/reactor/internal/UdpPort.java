package netmon.engine.reactor.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.HashMap;
import java.util.Objects;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.DatagramTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bound UDP port: Twisted's {@code udp.Port}. Reactor thread. */
public final class UdpPort extends AbstractPort implements DatagramTransport {
    private static final Logger log = LoggerFactory.getLogger(UdpPort.class);
    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65507;
    private static final int MAX_THROUGHPUT = 256 * 1024;
    private static final int MAX_READS = 256;
    /** Bound on each address cache; cleared when full (a few peers is the common case). */
    private static final int ADDRESS_CACHE_MAX = 1024;

    private final IoHost host;
    private final DatagramProtocol protocol;
    private final DatagramChannel channel;
    private final long id = TcpPort.LISTENER_IDS.incrementAndGet();
    private final Address address;
    private final int maxPacketSize;
    private final ByteBuffer readBuf;
    private final SelectionKey key;
    private InetSocketAddress connectedTo;
    /**
     * Formatting a source address (getHostAddress) for every datagram, and parsing and checking the
     * destination of every reply, cost more than the I/O itself: remember recent ones both ways.
     */
    private final HashMap<InetSocketAddress, Address> fromCache = new HashMap<>();
    private final HashMap<Address, InetSocketAddress> toCache = new HashMap<>();

    private UdpPort(IoHost host, DatagramProtocol protocol, DatagramChannel ch, int maxPacketSize) throws IOException {
        this.host = host;
        this.protocol = protocol;
        this.channel = ch;
        this.maxPacketSize = maxPacketSize;
        // Direct: a receive into a heap buffer goes through a temporary direct one and is copied twice.
        this.readBuf = ByteBuffer.allocateDirect(maxPacketSize);
        this.address = Address.of("UDP", (InetSocketAddress) ch.getLocalAddress());
        ch.configureBlocking(false);
        this.key = ch.register(host.selector(), SelectionKey.OP_READ, this);
    }

    /** Binds, then calls makeConnection and startProtocol; CannotListenError on failure. */
    public static UdpPort listen(IoHost host, int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        String ifc = iface == null ? "" : iface;
        DatagramChannel ch = null;
        UdpPort p;
        try {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            if (maxPacketSize <= 0) throw new IllegalArgumentException("maxPacketSize must be > 0");
            InetSocketAddress sa = ifc.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(ifc, port);
            if (sa.isUnresolved()) throw new IOException("unknown interface " + ifc);
            ch = Addresses.openDatagram(sa);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, Math.max(256 * 1024, maxPacketSize * 2));
            ch.bind(sa);
            p = new UdpPort(host, protocol, ch, maxPacketSize);
        } catch (IOException | RuntimeException e) {
            throw failed(host, ch, "udp", ifc, port, protocol.logPrefix(), e);
        }
        host.opened(p);
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) m.listenerStarted(p.info());
        protocol.makeConnection(p);
        try {
            protocol.startProtocol();
        } catch (RuntimeException e) {
            log.error("startProtocol failed on {}", p.address, e);
        }
        return p;
    }

    @Override IoHost host() { return host; }

    @Override SelectionKey key() { return key; }

    @Override Channel channel() { return channel; }

    @Override String proto() { return "udp"; }

    @Override void stopUser() { protocol.stopProtocol(); }

    @Override ListenerInfo info() { return new ListenerInfo(id, protocol.logPrefix(), "udp", address); }

    @Override public boolean isListener() { return true; }

    @Override
    public void onReady(int readyOps) {
        int total = 0;
        for (int i = 0; i < MAX_READS && total < MAX_THROUGHPUT && !stopped; i++) {
            readBuf.clear();
            SocketAddress from;
            try {
                from = channel.receive(readBuf);
            } catch (PortUnreachableException e) {
                refused();
                continue;
            } catch (IOException e) {
                log.debug("UDP receive on {} failed: {}", address, e.toString());
                return;
            }
            if (from == null) return;
            host.countEvent();
            readBuf.flip();
            int n = readBuf.remaining();
            total += Math.max(n, 1);
            Address a = sourceAddress((InetSocketAddress) from);
            MonitorListener m = host.monitor().listener();
            if (m != MonitorListener.NONE) {
                m.datagramReceived(id, a, readBuf);
                readBuf.position(0).limit(n);
            }
            try {
                if (protocol instanceof DatagramBufferReceiver dr) {
                    dr.datagramBufferReceived(readBuf, a);
                } else {
                    byte[] data = new byte[n];
                    readBuf.get(data);
                    protocol.datagramReceived(data, a);
                }
            } catch (RuntimeException e) {
                log.error("datagramReceived failed on {}", address, e);
            }
        }
    }

    private Address sourceAddress(InetSocketAddress from) {
        Address a = fromCache.get(from);
        if (a == null) {
            if (fromCache.size() >= ADDRESS_CACHE_MAX) fromCache.clear();
            a = Address.of("UDP", from);
            fromCache.put(from, a);
            // A received address is numeric and resolved: a reply to it needs no checks.
            remember(a, from);
        }
        return a;
    }

    private void remember(Address a, InetSocketAddress sa) {
        if (toCache.size() >= ADDRESS_CACHE_MAX) toCache.clear();
        toCache.put(a, sa);
    }

    private void refused() {
        try {
            protocol.connectionRefused();
        } catch (RuntimeException e) {
            log.error("connectionRefused failed on {}", address, e);
        }
    }

    @Override
    public void write(byte[] data, Address to) {
        Objects.requireNonNull(data, "data");
        send(ByteBuffer.wrap(data), to);
    }

    /** Sends the buffer as it is: a direct one (the receive buffer echoed back) goes out with no copy. */
    @Override
    public void writeBuffer(ByteBuffer data, Address to) {
        Objects.requireNonNull(data, "data");
        send(data, to);
    }

    private void send(ByteBuffer buf, Address to) {
        assert host.mayTouch() : "UDP transport used off the reactor thread";
        int length = buf.remaining();
        if (length > MAX_DATAGRAM) throw new IllegalArgumentException("message too long: " + length + " bytes");
        InetSocketAddress dest;
        if (to == null) {
            if (connectedTo == null) throw new IllegalArgumentException("no address given and the port is not connected");
            dest = null;
        } else {
            dest = toCache.get(to);
            if (dest == null) {
                if (!Addresses.isNumeric(to.host())) throw new IllegalArgumentException("please only pass IPs to write(), got " + to.host());
                dest = new InetSocketAddress(to.host(), to.port());
                remember(to, dest);
            }
            if (connectedTo != null && !dest.equals(connectedTo)) {
                throw new IllegalArgumentException("connected to " + connectedTo + ", can't write to " + to);
            }
        }
        if (stopped) {
            buf.position(buf.limit());
            return;
        }
        int start = buf.position();
        try {
            int sent = dest == null ? channel.write(buf) : channel.send(buf, dest);
            if (sent == 0 && length > 0) {
                log.debug("UDP send buffer full on {}: datagram of {} bytes dropped", address, length);
                buf.position(buf.limit());
                return;
            }
        } catch (PortUnreachableException e) {
            if (connectedTo != null) refused();
            return;
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.toLowerCase().contains("message too long")) throw new IllegalArgumentException("message too long", e);
            log.debug("UDP send on {} failed: {}", address, msg);
            return;
        }
        host.countEvent();
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) {
            // Lent as it is, rewound to the datagram and put back after: no duplicate per send.
            int end = start + length;
            buf.limit(end).position(start);
            m.datagramSent(id, to != null ? to : Address.of("UDP", connectedTo), buf);
            buf.limit(end).position(end);
        }
    }

    @Override
    public void connect(String hostName, int port) {
        if (connectedTo != null) throw new IllegalStateException("already connected");
        if (!Addresses.isNumeric(hostName)) throw new IllegalArgumentException("please only pass IPs to connect(), got " + hostName);
        InetSocketAddress sa = new InetSocketAddress(hostName, port);
        try {
            channel.connect(sa);
        } catch (IOException e) {
            throw new IllegalStateException("connect failed: " + e.getMessage(), e);
        }
        connectedTo = sa;
    }

    @Override public Address getHost() { return address; }

    @Override public void loseConnection() { stopListening(); }

    @Override public int getMaxPacketSize() { return maxPacketSize; }

    @Override public long listenerId() { return id; }

    @Override public String toString() { return "UdpPort#" + id + "(" + address.hostPort() + ")"; }
}
