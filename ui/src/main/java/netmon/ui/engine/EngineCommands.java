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

    /** Stops a listener started with {@link #startListener}; its open connections stay. */
    Deferred<Void> stopListener(ListenerHandle handle);

    /** Closes connection {@code id} cleanly (loseConnection: flush, then FIN). Fires true if it was open. */
    Deferred<Boolean> closeConnection(long id);

    /** Aborts connection {@code id} (abortConnection: RST, buffered bytes dropped). Fires true if it was open. */
    Deferred<Boolean> abortConnection(long id);
}
