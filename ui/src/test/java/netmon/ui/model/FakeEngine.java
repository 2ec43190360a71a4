package netmon.ui.model;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.Deferred;
import netmon.engine.protocol.Address;
import netmon.ui.engine.EngineCommands;
import netmon.ui.engine.ListenerHandle;

/** An engine whose commands complete when the test says so. */
final class FakeEngine implements EngineCommands {
    record Start(String kind, String endpoint, int maxConnections, Deferred<ListenerHandle> result) {}

    final List<Start> starts = new ArrayList<>();
    final List<String> capChanges = new ArrayList<>();
    final java.util.Map<Long, Long> refused = new java.util.HashMap<>();
    final List<ListenerHandle> stops = new ArrayList<>();
    final List<Deferred<Void>> stopResults = new ArrayList<>();
    boolean stopImmediately = true;
    private long nextId = 100;

    @Override
    public String validate(String kind, String endpoint) {
        String[] parts = endpoint == null ? new String[0] : endpoint.split(":");
        if (parts.length < 2) return "missing port";
        String want = "udp-echo".equals(kind) ? "udp" : "tcp";
        if (!parts[0].equals(want)) return kind + " needs a " + want + ": endpoint";
        try {
            int p = Integer.parseInt(parts[1]);
            if (p < 0 || p > 65535) return "port must be 0-65535, got " + p;
        } catch (NumberFormatException e) {
            return "port must be a number 0-65535, got '" + parts[1] + "'";
        }
        return null;
    }

    @Override
    public Deferred<ListenerHandle> startListener(String kind, String endpoint) {
        return startListener(kind, endpoint, netmon.ui.settings.ListenerSpec.DEFAULT_MAX_CONNECTIONS);
    }

    @Override
    public Deferred<ListenerHandle> startListener(String kind, String endpoint, int maxConnections) {
        Deferred<ListenerHandle> d = new Deferred<>();
        starts.add(new Start(kind, endpoint, maxConnections, d));
        return d;
    }

    @Override
    public Deferred<Void> setMaxConnections(ListenerHandle handle, int maxConnections) {
        capChanges.add(handle.listenerId() + "=" + maxConnections);
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Long> refusedConnections(ListenerHandle handle) {
        return Deferred.succeed(refused.getOrDefault(handle.listenerId(), 0L));
    }

    /** Completes the last start with a listener bound to {@code port}. */
    ListenerHandle succeedLast(int port) {
        Start s = starts.get(starts.size() - 1);
        ListenerHandle h = new ListenerHandle(nextId++, s.kind(), s.endpoint().startsWith("udp") ? "udp" : "tcp",
                new Address("TCP", "127.0.0.1", port));
        s.result().callback(h);
        return h;
    }

    @Override
    public Deferred<Void> stopListener(ListenerHandle handle) {
        stops.add(handle);
        Deferred<Void> d = new Deferred<>();
        stopResults.add(d);
        if (stopImmediately) d.callback(null);
        return d;
    }

    @Override
    public Deferred<Boolean> closeConnection(long id) { return Deferred.succeed(true); }

    @Override
    public Deferred<Boolean> abortConnection(long id) { return Deferred.succeed(true); }
}
