package netmon.engine.error;

/** The connection was closed by our own {@code abortConnection()}: buffered writes dropped, RST sent. */
public class ConnectionAborted extends ConnectionLost {
    public ConnectionAborted() { super("Connection was aborted locally."); }
}
