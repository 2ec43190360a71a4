package netmon.engine.endpoints;

import netmon.engine.defer.Deferred;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;

/** Something a stream server can listen on: Twisted's {@code IStreamServerEndpoint}. Reactor thread. */
public interface ServerEndpoint {
    /**
     * Starts listening with {@code factory}. The Deferred fires with the port, or errbacks (never throws)
     * with {@code CannotListenError}.
     */
    Deferred<ListeningPort> listen(Factory factory);
}
