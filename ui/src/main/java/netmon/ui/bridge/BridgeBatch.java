package netmon.ui.bridge;

import java.util.Collection;
import java.util.List;
import netmon.engine.monitor.ReactorHealth;

/**
 * Everything the bridge collected between two drains, handed to the FX thread in one piece.
 *
 * @param connections       per-connection deltas, in the order the connections first appeared in this batch
 * @param listeners         per-listener traffic deltas
 * @param flows             per-UDP-flow deltas
 * @param listenerEvents    listener started/stopped/failed events, oldest first (bounded)
 * @param health            the latest reactor health sample, or null if none arrived
 * @param events            monitor events received since the previous drain
 * @param foldedConnections connections that opened and closed while the UI was behind and were counted
 *                          only in their listener's totals (no row of their own)
 * @param droppedListenerEvents listener events dropped because too many arrived between two drains
 */
public record BridgeBatch(Collection<ConnectionDelta> connections, Collection<ListenerDelta> listeners,
                          Collection<FlowDelta> flows, List<ListenerEvent> listenerEvents, ReactorHealth health,
                          long events, long foldedConnections, long droppedListenerEvents) {

    /** True when nothing at all happened. */
    public boolean isEmpty() {
        return events == 0 && health == null && listenerEvents.isEmpty();
    }
}
