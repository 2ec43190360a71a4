package netmon.engine.protocol;

/**
 * A protocol that wants to know about half-closes (Twisted's {@code IHalfCloseableProtocol}): a FIN
 * from the peer calls {@link #readConnectionLost()} instead of ending the connection, and the
 * transport stays writable until the protocol calls {@code loseConnection}. Reactor thread.
 */
public interface HalfCloseableProtocol {
    /** The peer sent FIN: no more data will arrive. Our side may still write. */
    void readConnectionLost();

    /** Our {@code loseWriteConnection} completed: FIN sent after the buffer was flushed. */
    default void writeConnectionLost() {}
}
