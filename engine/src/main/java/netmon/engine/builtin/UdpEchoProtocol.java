package netmon.engine.builtin;

import java.nio.ByteBuffer;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.reactor.internal.DatagramBufferReceiver;

/**
 * The {@code udp-echo} service: each datagram (0 to 65507 bytes) goes back to its source unchanged.
 * Listen with a {@code maxPacketSize} of 65507 or large datagrams are truncated. On the reactor's own
 * port a datagram is echoed from the receive buffer itself ({@link DatagramBufferReceiver}): no
 * allocation and no copy per datagram. Reactor thread only.
 */
public class UdpEchoProtocol extends DatagramProtocol implements DatagramBufferReceiver {
    /** The largest UDP payload over IPv4; pass it as {@code maxPacketSize} when listening. */
    public static final int MAX_DATAGRAM = 65507;

    @Override
    public void datagramReceived(byte[] data, Address from) {
        transport.write(data, from);
    }

    @Override
    public void datagramBufferReceived(ByteBuffer data, Address from) {
        transport.writeBuffer(data, from);
    }

    @Override
    public String logPrefix() { return "udp-echo"; }
}
