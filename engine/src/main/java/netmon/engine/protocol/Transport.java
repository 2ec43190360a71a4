package netmon.engine.protocol;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A stream connection as its protocol sees it: Twisted's {@code ITCPTransport}. All methods run on the
 * reactor thread only; from another thread go through {@code reactor.callFromThread}.
 *
 * <p>{@link #write} never blocks: bytes are appended to a user-space buffer and sent when the socket is
 * writable. When that buffer passes the high-water mark the registered producer is paused; by default
 * the transport is its own producer, so it stops reading from a peer that does not read what we write.
 * This is what bounds memory against a slow reader.
 *
 * <p>{@link #getPeer()} is the address the socket reports; NAT and proxies make it what the network
 * says, not necessarily who the peer is.
 */
public interface Transport extends Consumer, Producer {

    /** Queues bytes from {@code data}'s position to its limit; the buffer is copied or consumed now. */
    void write(ByteBuffer data);

    /**
     * Like {@link #write(byte[])}, but the transport may keep {@code data} itself instead of a copy: the
     * caller hands the array over and must neither change nor reuse it afterwards (aliasing rule: until
     * the transport has sent it, the array is the transport's). Made for a protocol that writes back the
     * array {@code dataReceived} gave it (which belongs to the protocol), such as the built-in echo; it
     * saves one copy per write. The default copies, as {@code write} does.
     */
    default void writeOwned(byte[] data) { write(data); }

    /** Same as writing each element in order. */
    void writeSequence(List<byte[]> data);

    /** Stops reading, flushes what is buffered, then closes with FIN; {@code connectionLost(ConnectionDone)} follows. Idempotent. */
    void loseConnection();

    /** Drops buffered writes and closes with RST; {@code connectionLost(ConnectionAborted)} follows asynchronously. Idempotent. */
    void abortConnection();

    /** Flushes, then half-closes the writing side (FIN); later writes are ignored. */
    void loseWriteConnection();

    /** True once {@code loseConnection} or {@code abortConnection} was called, or the connection is gone. */
    boolean isDisconnecting();

    /** The remote address. */
    Address getPeer();

    /** The local address. */
    Address getHost();

    /** Bytes written but not yet handed to the kernel. */
    long getOutboundBufferSize();

    /** Sets the buffer sizes at which the producer is paused (above {@code high}) and resumed (at or below {@code low}). */
    void setWriteBufferWaterMarks(int low, int high);

    /** Disables Nagle's algorithm (on by default for netmon transports: TCP_NODELAY is set). */
    default void setTcpNoDelay(boolean on) {}

    /** The id the monitor knows this connection by; 0 for transports nobody monitors (fakes). */
    default long connectionId() { return 0; }
}
