package netmon.engine.error;

/** An outgoing connection attempt failed. Subclasses say why (refused, timed out, DNS). */
public class ConnectError extends RuntimeException {
    public ConnectError(String message) { super(message); }
    public ConnectError(String message, Throwable cause) { super(message, cause); }
}
