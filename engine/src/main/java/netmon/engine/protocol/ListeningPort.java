package netmon.engine.protocol;

import netmon.engine.defer.Deferred;

/** A listening TCP port or bound UDP port: Twisted's {@code IListeningPort}. Reactor thread. */
public interface ListeningPort {
    /** Stops accepting (or receiving) now; the Deferred fires once the socket is closed. Open connections stay. */
    Deferred<Void> stopListening();

    /** The bound address: the real port when listening on port 0. */
    Address getHost();

    /** The id the monitor knows this listener by. */
    default long listenerId() { return 0; }
}
