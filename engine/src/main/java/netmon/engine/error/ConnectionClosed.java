package netmon.engine.error;

/** Base of the reasons handed to {@code Protocol.connectionLost}: Done, Lost or Aborted. */
public abstract class ConnectionClosed extends RuntimeException {
    protected ConnectionClosed(String message) { super(message); }
    protected ConnectionClosed(String message, Throwable cause) { super(message, cause); }
}
