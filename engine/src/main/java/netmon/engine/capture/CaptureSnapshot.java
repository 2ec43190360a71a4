package netmon.engine.capture;

import java.util.List;
import java.util.Optional;
import netmon.engine.monitor.ListenerInfo;

/**
 * An immutable copy of what a {@link CaptureRecorder} held at one moment: the listeners it saw, the TCP
 * connections and the UDP flows (each oldest first). Safe to read on any thread while the recorder goes on.
 *
 * @param takenMicros  when the snapshot was taken (wall clock, µs)
 * @param listeners    the listeners seen, in start order
 * @param connections  the tracked TCP connections, in open order
 * @param flows        the tracked UDP flows, in order of their first datagram
 */
public record CaptureSnapshot(long takenMicros, List<ListenerInfo> listeners, List<CapturedConnection> connections,
                              List<CapturedFlow> flows) {

    public CaptureSnapshot {
        listeners = List.copyOf(listeners);
        connections = List.copyOf(connections);
        flows = List.copyOf(flows);
    }

    /** The connection with monitor id {@code id}, if tracked. */
    public Optional<CapturedConnection> connection(long id) {
        return connections.stream().filter(c -> c.id() == id).findFirst();
    }

    /** The listener with id {@code id}, if seen. */
    public Optional<ListenerInfo> listener(long id) {
        return listeners.stream().filter(l -> l.id() == id).findFirst();
    }
}
