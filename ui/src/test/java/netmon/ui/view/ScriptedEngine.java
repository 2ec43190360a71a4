package netmon.ui.view;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.Deferred;
import netmon.engine.error.CannotListenError;
import netmon.engine.monitor.CloseReason;
import netmon.engine.protocol.Address;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.engine.EngineCommands;
import netmon.ui.engine.ListenerHandle;

/**
 * A stand-in engine for view tests that need no sockets: listeners start at once on the port asked
 * (port 7001 is "in use"), close/abort report the connection closed through the bridge.
 */
final class ScriptedEngine implements EngineCommands {
    final FxEventBridge bridge;
    final List<Long> closed = new ArrayList<>();
    final List<Long> aborted = new ArrayList<>();
    private long nextListener = 1;

    ScriptedEngine(FxEventBridge bridge) { this.bridge = bridge; }

    @Override
    public String validate(String kind, String endpoint) {
        String[] p = endpoint == null ? new String[0] : endpoint.split(":");
        if (p.length < 2 || p[1].isEmpty()) return "bad endpoint '" + endpoint + "': missing port";
        try {
            int port = Integer.parseInt(p[1]);
            if (port < 0 || port > 65535) return "bad endpoint '" + endpoint + "': port must be 0-65535, got " + port;
        } catch (NumberFormatException e) {
            return "bad endpoint '" + endpoint + "': port must be a number 0-65535, got '" + p[1] + "'";
        }
        return null;
    }

    @Override
    public Deferred<ListenerHandle> startListener(String kind, String endpoint) {
        int port = Integer.parseInt(endpoint.split(":")[1]);
        if (port == 7001) return Deferred.fail(new CannotListenError("127.0.0.1", 7001, new java.net.BindException("Address already in use")));
        String proto = endpoint.startsWith("udp") ? "udp" : "tcp";
        return Deferred.succeed(new ListenerHandle(nextListener++, kind, proto, new Address(proto.toUpperCase(), "127.0.0.1", port == 0 ? 40000 : port)));
    }

    @Override
    public Deferred<Void> stopListener(ListenerHandle handle) { return Deferred.succeed(null); }

    @Override
    public Deferred<Boolean> closeConnection(long id) {
        closed.add(id);
        bridge.connectionClosed(id, CloseReason.DONE, null);
        return Deferred.succeed(true);
    }

    @Override
    public Deferred<Boolean> abortConnection(long id) {
        aborted.add(id);
        bridge.connectionClosed(id, CloseReason.ABORTED, "aborted by user");
        return Deferred.succeed(true);
    }
}
