package netmon.engine.error;

/** The connection was closed cleanly: EOF from the peer, or our own {@code loseConnection}. */
public class ConnectionDone extends ConnectionClosed {
    public ConnectionDone() { super("Connection was closed cleanly."); }
    public ConnectionDone(String message) { super(message); }
}
