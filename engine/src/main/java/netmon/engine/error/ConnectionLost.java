package netmon.engine.error;

/** The connection was lost in a non-clean way: a reset, an I/O error, or an exception in a callback. */
public class ConnectionLost extends ConnectionClosed {
    public ConnectionLost(String message) { super(message); }
    public ConnectionLost(String message, Throwable cause) { super(message, cause); }
}
