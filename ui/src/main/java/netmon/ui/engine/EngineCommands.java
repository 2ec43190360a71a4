package netmon.ui.engine;

import netmon.engine.defer.Deferred;

/**
 * What the UI asks of the engine. Called on the FX thread; an implementation crosses into the reactor
 * with {@code callFromThread} and hands the result back as a Deferred that fires <em>on the FX
 * thread</em>, so view-models can add callbacks that touch their properties directly.
 */
public interface EngineCommands {

    /** Checks {@code endpoint} for a {@code kind} listener without touching the network: null if fine, else why not. */
    String validate(String kind, String endpoint);

    /** Starts a built-in listener; fails with the reason (bad endpoint, port in use) and leaves nothing half-started. */
    Deferred<ListenerHandle> startListener(String kind, String endpoint);

    /**
     * Starts a built-in listener that keeps at most {@code maxConnections} TCP connections open at once
     * (beyond it new ones are closed at once and counted as refused; UDP has no connections). An engine
     * without caps (a test fake) starts it uncapped.
     */
    default Deferred<ListenerHandle> startListener(String kind, String endpoint, int maxConnections) {
        return startListener(kind, endpoint);
    }

    /** Changes a running TCP listener's cap; connections already open stay. Fires when applied. */
    default Deferred<Void> setMaxConnections(ListenerHandle handle, int maxConnections) {
        return Deferred.succeed(null);
    }

    /** Connections a running TCP listener has refused because of its cap (0 for UDP or unknown listeners). */
    default Deferred<Long> refusedConnections(ListenerHandle handle) {
        return Deferred.succeed(0L);
    }

    /** Stops a listener started with {@link #startListener}; its open connections stay. */
    Deferred<Void> stopListener(ListenerHandle handle);

    /** Closes connection {@code id} cleanly (loseConnection: flush, then FIN). Fires true if it was open. */
    Deferred<Boolean> closeConnection(long id);

    /** Aborts connection {@code id} (abortConnection: RST, buffered bytes dropped). Fires true if it was open. */
    Deferred<Boolean> abortConnection(long id);
}
