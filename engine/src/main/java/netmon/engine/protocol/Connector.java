package netmon.engine.protocol;

/** An outgoing connection attempt and its retries: Twisted's {@code IConnector}. Reactor thread. */
public interface Connector {
    /** Starts (or restarts) connecting. */
    void connect();

    /** Abandons the attempt in progress; the factory's {@code clientConnectionFailed} gets a cancellation. */
    void stopConnecting();

    /** Closes the established connection, or stops connecting. */
    void disconnect();

    /** The address being connected to. */
    Address getDestination();

    /** "disconnected", "connecting" or "connected". */
    String getState();
}
