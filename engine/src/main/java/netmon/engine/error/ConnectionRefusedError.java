package netmon.engine.error;

/** The peer actively refused the connection (RST in answer to SYN). */
public class ConnectionRefusedError extends ConnectError {
    public ConnectionRefusedError(String message) { super(message); }
}
