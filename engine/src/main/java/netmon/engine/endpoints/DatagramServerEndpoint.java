package netmon.engine.endpoints;

import netmon.engine.defer.Deferred;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.ListeningPort;

/**
 * A UDP port to bind: netmon's extension of Twisted's endpoints (Twisted has no datagram endpoint).
 * Reactor thread.
 */
public interface DatagramServerEndpoint {
    /** Binds and attaches {@code protocol}; fires with the port or errbacks with {@code CannotListenError}. */
    Deferred<ListeningPort> listen(DatagramProtocol protocol);
}
