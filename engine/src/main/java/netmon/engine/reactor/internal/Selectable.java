package netmon.engine.reactor.internal;

/** Something registered with the reactor's selector: a connection, a connector or a port. Reactor thread. */
public interface Selectable {
    /** The selector reported {@code readyOps} for this one's key. */
    void onReady(int readyOps);

    /** The reactor is shutting down: close now, delivering the usual lost/stopped events. */
    void shutdown();

    /** True for TCP connections (counted as open connections); false for listeners and connectors. */
    default boolean isConnection() { return false; }

    /** True for listening ports (counted as open listeners). */
    default boolean isListener() { return false; }
}
