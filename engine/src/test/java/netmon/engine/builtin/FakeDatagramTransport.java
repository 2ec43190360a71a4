package netmon.engine.builtin;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramTransport;

/** A UDP transport that records every datagram written, for {@code udp-echo} tests. */
final class FakeDatagramTransport implements DatagramTransport {
    /** One datagram written: its bytes (copied) and its destination. */
    record Sent(byte[] data, Address to) {}

    final List<Sent> sent = new ArrayList<>();
    boolean closed;
    private final int maxPacketSize;

    FakeDatagramTransport(int maxPacketSize) { this.maxPacketSize = maxPacketSize; }

    @Override
    public void write(byte[] data, Address to) {
        if (data == null) throw new NullPointerException("data");
        if (data.length > maxPacketSize) throw new IllegalArgumentException("datagram too large: " + data.length);
        sent.add(new Sent(data.clone(), to));
    }

    @Override
    public void connect(String host, int port) { throw new UnsupportedOperationException("not needed"); }

    @Override
    public Address getHost() { return new Address("UDP", "127.0.0.1", 9999); }

    @Override
    public void loseConnection() { closed = true; }

    @Override
    public int getMaxPacketSize() { return maxPacketSize; }
}
