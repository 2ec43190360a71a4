package netmon.engine.endpoints;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramTransport;
import netmon.engine.protocol.Producer;
import netmon.engine.protocol.Transport;

/** Minimal transports for driving wrapped protocols in these tests (StringTransport lives elsewhere). */
final class FakeTransports {
    private FakeTransports() {}

    static final class Stream implements Transport {
        final List<byte[]> written = new ArrayList<>();
        boolean disconnecting;

        @Override public void write(byte[] data) { written.add(data); }
        @Override public void write(ByteBuffer data) { byte[] b = new byte[data.remaining()]; data.get(b); written.add(b); }
        @Override public void writeSequence(List<byte[]> data) { written.addAll(data); }
        @Override public void loseConnection() { disconnecting = true; }
        @Override public void abortConnection() { disconnecting = true; }
        @Override public void loseWriteConnection() {}
        @Override public boolean isDisconnecting() { return disconnecting; }
        @Override public Address getPeer() { return new Address("TCP", "192.168.1.1", 54321); }
        @Override public Address getHost() { return new Address("TCP", "10.0.0.1", 12345); }
        @Override public long getOutboundBufferSize() { return 0; }
        @Override public void setWriteBufferWaterMarks(int low, int high) {}
        @Override public void registerProducer(Producer producer, boolean streaming) {}
        @Override public void unregisterProducer() {}
        @Override public void resumeProducing() {}
        @Override public void stopProducing() {}
    }

    static final class Datagram implements DatagramTransport {
        final List<String> events = new ArrayList<>();

        @Override public void write(byte[] data, Address to) { events.add("write " + new String(data) + " to " + to); }
        @Override public void connect(String host, int port) { events.add("connect " + host + ":" + port); }
        @Override public Address getHost() { return new Address("UDP", "0.0.0.0", 40000); }
        @Override public void loseConnection() { events.add("loseConnection"); }
        @Override public int getMaxPacketSize() { return 65507; }
    }
}
