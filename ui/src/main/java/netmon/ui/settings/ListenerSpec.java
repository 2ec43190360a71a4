package netmon.ui.settings;

/**
 * A listener as the user configured it: a built-in service kind, its endpoint text and its limits.
 *
 * @param kind           {@code echo}, {@code chat} or {@code udp-echo}
 * @param endpoint       e.g. {@code tcp:7000}
 * @param maxConnections the cap on TCP connections open at once (the engine's {@code listenTCP} maxConnections);
 *                       beyond it new connections are closed at once and counted as refused
 * @param captured       whether the inspectors capture this listener's traffic
 */
public record ListenerSpec(String kind, String endpoint, int maxConnections, boolean captured) {
    /** The engine's default cap on connections open at once per listener. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** The highest cap the GUI accepts: more than any one machine's descriptor limit. */
    public static final int MAX_MAX_CONNECTIONS = 1_000_000;

    /** A listener with the default limits: {@value #DEFAULT_MAX_CONNECTIONS} connections, captured. */
    public ListenerSpec(String kind, String endpoint) { this(kind, endpoint, DEFAULT_MAX_CONNECTIONS, true); }

    /** This listener with another cap. */
    public ListenerSpec withMaxConnections(int max) { return new ListenerSpec(kind, endpoint, max, captured); }

    /** This listener with capture switched {@code on} or off. */
    public ListenerSpec withCaptured(boolean on) { return new ListenerSpec(kind, endpoint, maxConnections, on); }
}
