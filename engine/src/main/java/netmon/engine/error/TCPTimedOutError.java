package netmon.engine.error;

/** A TCP connect did not complete within its timeout. */
public class TCPTimedOutError extends ConnectError {
    public TCPTimedOutError(String message) { super(message); }
}
