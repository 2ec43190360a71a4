package netmon.engine.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Producer;
import netmon.engine.protocol.Protocol;
import netmon.engine.protocol.Transport;

/**
 * An in-memory transport for protocol tests: Twisted's {@code StringTransport}. It records every byte
 * written ({@link #value()}); {@link #loseConnection()} only sets {@link #isDisconnecting()} and never
 * calls {@code connectionLost} (see {@link StringTransportWithDisconnection} for that). As a producer
 * it records its state in {@link #producerState()}. Single-threaded; no reactor involved.
 */
public class StringTransport implements Transport {
    /** The default {@link #getPeer()}. */
    public static final Address DEFAULT_PEER = new Address("TCP", "192.168.1.1", 54321);
    /** The default {@link #getHost()}. */
    public static final Address DEFAULT_HOST = new Address("TCP", "10.0.0.1", 12345);

    private final ByteArrayOutputStream io = new ByteArrayOutputStream();
    private final Address host;
    private final Address peer;
    /** The protocol this transport was connected to with {@link #connect}, if any. */
    protected Protocol protocol;
    protected boolean disconnecting;
    private boolean aborted;
    private boolean writeDisconnected;
    private boolean lenient;
    private Producer producer;
    private boolean streaming;
    private String producerState = "producing";

    /** A transport with the default addresses. */
    public StringTransport() { this(DEFAULT_HOST, DEFAULT_PEER); }

    /** A transport with the given local and remote addresses (null for the default). */
    public StringTransport(Address host, Address peer) {
        this.host = host != null ? host : DEFAULT_HOST;
        this.peer = peer != null ? peer : DEFAULT_PEER;
    }

    /** Remembers {@code protocol} and calls its {@code makeConnection(this)}; returns the protocol. */
    public <P extends Protocol> P connect(P protocol) {
        this.protocol = protocol;
        protocol.makeConnection(this);
        return protocol;
    }

    /** The protocol given to {@link #connect}, or null. */
    public Protocol protocol() { return protocol; }

    /** Every byte written since the last {@link #clear()}. */
    public byte[] value() { return io.toByteArray(); }

    /** {@link #value()} decoded as UTF-8, for readable assertions. */
    public String valueString() { return io.toString(java.nio.charset.StandardCharsets.UTF_8); }

    /** Forgets what was written. */
    public void clear() { io.reset(); }

    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "write(null)");
        if (writeDisconnected) return;
        io.write(data, 0, data.length);
    }

    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "write(null)");
        byte[] b = new byte[data.remaining()];
        data.get(b);
        write(b);
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        for (byte[] d : data) write(d);
    }

    /** Only sets {@link #isDisconnecting()}. */
    @Override
    public void loseConnection() { disconnecting = true; }

    /** Sets {@link #isDisconnecting()} and {@link #isAborted()}. */
    @Override
    public void abortConnection() {
        disconnecting = true;
        aborted = true;
    }

    /** Marks the writing side closed; later writes are ignored. */
    @Override
    public void loseWriteConnection() { writeDisconnected = true; }

    /** True after {@link #loseWriteConnection()}. */
    public boolean isWriteDisconnected() { return writeDisconnected; }

    @Override
    public boolean isDisconnecting() { return disconnecting; }

    /** True after {@link #abortConnection()}. */
    public boolean isAborted() { return aborted; }

    @Override
    public Address getPeer() { return peer; }

    @Override
    public Address getHost() { return host; }

    /** Always 0: nothing is ever queued. */
    @Override
    public long getOutboundBufferSize() { return 0; }

    @Override
    public void setWriteBufferWaterMarks(int low, int high) {}

    /** @throws IllegalStateException if a producer is already registered (Twisted's RuntimeError) */
    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        if (this.producer != null) throw new IllegalStateException("Cannot register two producers");
        this.producer = Objects.requireNonNull(producer);
        this.streaming = streaming;
    }

    /** @throws IllegalStateException if no producer is registered */
    @Override
    public void unregisterProducer() {
        if (producer == null) throw new IllegalStateException("Cannot unregister a producer unless one is registered");
        producer = null;
    }

    /** The registered producer, or null. */
    public Producer producer() { return producer; }

    /** True if the registered producer is a streaming (push) one. */
    public boolean isStreaming() { return streaming; }

    /** "producing", "paused" or "stopped". */
    public String producerState() { return producerState; }

    /** When lenient, resuming or pausing after a disconnect request is allowed. */
    public void setLenient(boolean lenient) { this.lenient = lenient; }

    private void checkState() {
        if (disconnecting && !lenient) throw new IllegalStateException("Cannot resume producing after loseConnection");
        if ("stopped".equals(producerState)) throw new IllegalStateException("Cannot resume a stopped producer");
    }

    @Override
    public void pauseProducing() {
        checkState();
        producerState = "paused";
    }

    @Override
    public void resumeProducing() {
        checkState();
        producerState = "producing";
    }

    @Override
    public void stopProducing() { producerState = "stopped"; }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + host.hostPort() + " -> " + peer.hostPort() + "]";
    }
}
