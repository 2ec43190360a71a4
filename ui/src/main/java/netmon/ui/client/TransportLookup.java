package netmon.ui.client;

import java.util.List;
import netmon.engine.protocol.Transport;

/**
 * Finds the engine transport behind a connection row: by the monitor's connection id, and the open
 * connections accepted by the same listener (for a broadcast). Implemented by whoever starts the listeners
 * and so holds their transports (the UI's {@code ReactorEngineCommands}). Reactor thread only.
 */
public interface TransportLookup {

    /** The open connection with monitor id {@code connectionId}, or null if it is gone or unknown. */
    Transport transport(long connectionId);

    /**
     * The open connections accepted by the listener that accepted {@code connectionId}, that one included,
     * oldest first; empty if it is gone or unknown.
     */
    List<Transport> siblings(long connectionId);
}
