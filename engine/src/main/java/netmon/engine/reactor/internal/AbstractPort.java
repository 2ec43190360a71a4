package netmon.engine.reactor.internal;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import netmon.engine.defer.Deferred;
import netmon.engine.error.CannotListenError;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.ListeningPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What TCP and UDP listening ports share: stopping once (stopListening, shutdown) and the listen-failure
 * path. Subclasses say how their user (factory or datagram protocol) is told it has stopped. Reactor thread.
 */
abstract class AbstractPort implements ListeningPort, Selectable {
    private static final Logger log = LoggerFactory.getLogger(AbstractPort.class);

    /** True once closed; subclasses' I/O loops check it. */
    boolean stopped;
    private Deferred<Void> stoppedDeferred;

    abstract IoHost host();

    abstract SelectionKey key();

    abstract Channel channel();

    /** {@code tcp} or {@code udp}. */
    abstract String proto();

    abstract ListenerInfo info();

    /** Tells the factory or protocol that the port has stopped (after the channel is closed). */
    abstract void stopUser();

    @Override
    public final Deferred<Void> stopListening() {
        if (stopped) return stoppedDeferred != null ? stoppedDeferred : Deferred.succeed(null);
        Deferred<Void> d = new Deferred<>("stopListening " + proto() + " " + getHost().hostPort());
        stoppedDeferred = d;
        close();
        host().callLater(0, () -> d.callback(null));
        return d;
    }

    @Override
    public final void shutdown() {
        if (!stopped) close();
    }

    private void close() {
        stopped = true;
        key().cancel();
        try {
            channel().close();
        } catch (IOException e) {
            log.debug("close of {} failed: {}", getHost(), e.toString());
        }
        host().closed(this);
        try {
            stopUser();
        } catch (RuntimeException e) {
            log.error("stopping the user of {} failed", getHost(), e);
        }
        MonitorListener m = host().monitor().listener();
        if (m != MonitorListener.NONE) m.listenerStopped(info());
    }

    /**
     * A bind failed: closes the half-opened channel, reports the failure to the monitor and returns the
     * error for the caller to throw.
     */
    static CannotListenError failed(IoHost host, Channel ch, String proto, String iface, int port, String service, Exception cause) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
        CannotListenError err = new CannotListenError(iface, port, cause);
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) {
            m.listenerFailed(service, proto + ":" + port + (iface.isEmpty() ? "" : ":interface=" + iface), err);
        }
        return err;
    }
}
