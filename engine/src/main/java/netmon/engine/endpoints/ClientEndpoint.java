package netmon.engine.endpoints;

import netmon.engine.defer.Deferred;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.Protocol;

/** Something a stream client can connect to: Twisted's {@code IStreamClientEndpoint}. Reactor thread. */
public interface ClientEndpoint {
    /**
     * Connects, building the protocol with {@code factory}. The Deferred fires with that protocol once its
     * {@code connectionMade} has run, or errbacks with the {@code ConnectError} (or whatever the factory
     * threw). Cancelling it before then stops connecting.
     */
    Deferred<Protocol> connect(Factory factory);
}
