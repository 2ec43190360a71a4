package netmon.engine.protocol;

/** A UDP port as its {@link DatagramProtocol} sees it: Twisted's {@code IUDPTransport}. Reactor thread. */
public interface DatagramTransport {
    /** Sends one datagram to {@code to} (a numeric IP), or to the connected peer if {@code to} is null. */
    void write(byte[] data, Address to);

    /**
     * Sends the bytes from {@code data}'s position to its limit as one datagram, as {@link #write(byte[],
     * Address)}; the buffer is consumed (its position moves to its limit) and not kept. The default copies
     * it into an array; the reactor's port sends it as it is.
     */
    default void writeBuffer(java.nio.ByteBuffer data, Address to) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        write(b, to);
    }

    /** Connects to one peer: {@code write} may omit the address. Only once. */
    void connect(String host, int port);

    /** The local address. */
    Address getHost();

    /** Stops listening, as {@link ListeningPort#stopListening()}. */
    void loseConnection();

    /** The largest datagram read whole; larger ones are truncated by the kernel. */
    int getMaxPacketSize();
}
