package netmon.engine.error;

/** A listener could not be started: port in use, bad interface, no permission. */
public class CannotListenError extends RuntimeException {
    private final String iface;
    private final int port;

    public CannotListenError(String iface, int port, Throwable cause) {
        super("Couldn't listen on " + (iface == null || iface.isEmpty() ? "any" : iface) + ":" + port
                + ": " + (cause == null ? "unknown error" : describe(cause)), cause);
        this.iface = iface;
        this.port = port;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        if (t instanceof java.net.BindException && m != null && m.toLowerCase().contains("address already in use")) {
            return "address already in use";
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }

    public String getInterface() { return iface; }
    public int getPort() { return port; }
}
