package netmon.engine.service;

import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.CancelledError;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.protocol.ListeningPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that holds one listening port while it runs: Twisted's {@code StreamServerEndpointService},
 * generalised over TCP and UDP. It listens in {@link #privilegedStartService()}; {@link #stopService()}
 * cancels a listen still pending or stops the port. A listen failure is logged, not thrown, and is
 * available from {@link #whenListening()} and {@link #getListenFailure()}. It can be started again
 * after a stop. Reactor thread.
 */
public abstract class ListeningService extends Service {
    private static final Logger log = LoggerFactory.getLogger(ListeningService.class);

    private Deferred<ListeningPort> waitingForPort;
    private ListeningPort port;
    private Failure listenFailure;
    private final List<Deferred<ListeningPort>> observers = new ArrayList<>();

    protected ListeningService() {}

    /** Starts listening; called once per start. Must not throw: failures go into the Deferred. */
    protected abstract Deferred<ListeningPort> listen();

    /** Starts listening, if this start has not already. */
    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        if (waitingForPort != null) return;
        listenFailure = null;
        Deferred<ListeningPort> d;
        try {
            d = listen();
        } catch (RuntimeException e) {
            d = Deferred.fail(e);
        }
        waitingForPort = d;
        d.addCallbacks(p -> {
            port = p;
            notifyObservers();
            return p;
        }, f -> {
            listenFailure = f;
            if (f.check(CancelledError.class) == null) {
                log.error("{} could not listen: {}", this, f.getErrorMessage());
            }
            notifyObservers();
            return null;
        });
    }

    @Override
    public void startService() {
        if (waitingForPort == null) privilegedStartService();
        super.startService();
    }

    /**
     * Cancels a pending listen, or stops the listening port. Fires when the port is closed (at once if
     * there was none); errbacks if closing it failed.
     */
    @Override
    public Deferred<Void> stopService() {
        Deferred<ListeningPort> waiting = waitingForPort;
        waitingForPort = null;
        Deferred<Void> done = new Deferred<Void>().setLabel("stop " + this);
        if (waiting != null && !waiting.isCalled()) waiting.cancel();
        ListeningPort p = port;
        port = null;
        if (p == null) {
            markStopped();
            done.callback(null);
            return done;
        }
        Deferred<Void> stopping;
        try {
            stopping = p.stopListening();
        } catch (RuntimeException e) {
            stopping = Deferred.fail(e);
        }
        stopping.addBoth(r -> {
            markStopped();
            if (r instanceof Failure f) done.errback(f);
            else done.callback(null);
            return null;
        });
        return done;
    }

    /**
     * A new Deferred for the current (or next) listen attempt: fires with the port once listening, or
     * errbacks with why it could not listen (CancelledError if stopped first). Each caller gets its own.
     */
    public Deferred<ListeningPort> whenListening() {
        if (port != null) return Deferred.succeed(port);
        if (listenFailure != null && waitingForPort != null) return Deferred.fail(listenFailure);
        Deferred<ListeningPort> d = new Deferred<>();
        observers.add(d);
        return d;
    }

    /** The listening port, or null when not listening. */
    public ListeningPort getListeningPort() { return port; }

    /** Why the last listen failed, or null. */
    public Failure getListenFailure() { return listenFailure; }

    private void notifyObservers() {
        List<Deferred<ListeningPort>> waiting = new ArrayList<>(observers);
        observers.clear();
        for (Deferred<ListeningPort> d : waiting) {
            if (d.isCalled()) continue;
            if (port != null) d.callback(port);
            else d.errback(listenFailure);
        }
    }
}
