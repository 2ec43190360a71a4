package netmon.ui.engine;

import java.nio.ByteBuffer;
import java.util.Map;
import netmon.engine.defer.Failure;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Protocol;
import netmon.engine.protocol.Transport;
import netmon.engine.reactor.internal.BufferReceiver;

/**
 * Wraps a built-in factory so the UI can find each connection's transport by its monitor id (to close or
 * abort it from the table), in the manner of Twisted's {@code policies.WrappingFactory}. The wrapped
 * protocol sees exactly the events it would have seen; the service name stays the wrapped factory's.
 * A wrapped protocol that takes the reactor's read buffer ({@link BufferReceiver}, the built-in echo) still
 * gets it: hidden behind the wrapper, every read would cost an array and a copy, and every echo a second
 * copy back into direct memory (the window's bulk echo spent a quarter more reactor CPU per message).
 * Reactor thread only.
 */
final class TrackingFactory extends Factory {
    private final Factory wrapped;
    private final Map<Long, Transport> connections;
    // This factory's own open connections, oldest first: a broadcast's recipients.
    private final Map<Long, Transport> own = new java.util.LinkedHashMap<>();

    TrackingFactory(Factory wrapped, Map<Long, Transport> connections) {
        this.wrapped = wrapped;
        this.connections = connections;
    }

    @Override
    public Protocol buildProtocol(Address addr) {
        Protocol inner = wrapped.buildProtocol(addr);
        if (inner == null) return null;
        // One wrapper class per shape, so a protocol's reads take the same path, with the same types at each call
        // site, as without the wrapper: the echo's reads its buffer path, the chat's the array path.
        boolean buffer = inner instanceof BufferReceiver;
        Protocol p = inner instanceof HalfCloseableProtocol
                ? (buffer ? new HalfCloseableBuffer(inner) : new HalfCloseable(inner))
                : (buffer ? new Buffer(inner) : new Tracking(inner));
        p.setFactory(this);
        return p;
    }

    /** True if connection {@code id} is open and was built by this factory. */
    boolean owns(long id) { return own.containsKey(id); }

    /** This factory's open connections, oldest first. */
    java.util.List<Transport> open() { return new java.util.ArrayList<>(own.values()); }

    @Override
    public void startFactory() { wrapped.doStart(); }

    @Override
    public void stopFactory() {
        stopped = true;
        wrapped.doStop();
    }

    private boolean stopped;

    /** True once its listener stopped and its last connection closed: nothing left to find through it. */
    boolean idle() { return stopped && own.isEmpty(); }

    @Override
    public String logPrefix() { return wrapped.logPrefix(); }

    private class Tracking extends Protocol {
        final Protocol inner;
        private long id;

        Tracking(Protocol inner) { this.inner = inner; }

        @Override
        public void makeConnection(Transport t) {
            id = t.connectionId();
            if (id != 0) {
                connections.put(id, t);
                own.put(id, t);
            }
            super.makeConnection(t);
            inner.makeConnection(t);
        }

        @Override
        public void dataReceived(byte[] data) { inner.dataReceived(data); }

        @Override
        public void connectionLost(Failure reason) {
            if (id != 0) {
                connections.remove(id);
                own.remove(id);
            }
            inner.markDisconnected();
            inner.connectionLost(reason);
        }
    }

    /** The read buffer, as it came, to a protocol that takes it. */
    private final class Buffer extends Tracking implements BufferReceiver {
        Buffer(Protocol inner) { super(inner); }

        @Override
        public void bufferReceived(ByteBuffer data) { ((BufferReceiver) inner).bufferReceived(data); }
    }

    private class HalfCloseable extends Tracking implements HalfCloseableProtocol {
        HalfCloseable(Protocol inner) { super(inner); }

        @Override
        public void readConnectionLost() { ((HalfCloseableProtocol) inner).readConnectionLost(); }

        @Override
        public void writeConnectionLost() { ((HalfCloseableProtocol) inner).writeConnectionLost(); }
    }

    /** A half-closeable protocol that takes the read buffer (the built-in echo). */
    private final class HalfCloseableBuffer extends HalfCloseable implements BufferReceiver {
        HalfCloseableBuffer(Protocol inner) { super(inner); }

        @Override
        public void bufferReceived(ByteBuffer data) { ((BufferReceiver) inner).bufferReceived(data); }
    }
}
