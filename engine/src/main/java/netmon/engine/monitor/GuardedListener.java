package netmon.engine.monitor;

import java.nio.ByteBuffer;
import netmon.engine.protocol.Address;

/**
 * The one watcher of a hub, called directly and guarded by a try/catch per event: no array, no loop, no
 * allocation. A lent buffer is not rewound here: with a single watcher the reporting site restores it
 * itself (it has to anyway, before the protocol sees it).
 */
final class GuardedListener implements MonitorListener {
    private final MonitorListener l;

    GuardedListener(MonitorListener l) { this.l = l; }

    @Override public void listenerStarted(ListenerInfo i) {
        try { l.listenerStarted(i); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void listenerStopped(ListenerInfo i) {
        try { l.listenerStopped(i); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void listenerFailed(String n, String d, Throwable t) {
        try { l.listenerFailed(n, d, t); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void connectionRefused(long id, Address p, String w) {
        try { l.connectionRefused(id, p, w); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void connectionOpened(ConnectionInfo c) {
        try { l.connectionOpened(c); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void bytesReceived(long id, ByteBuffer d) {
        try { l.bytesReceived(id, d); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void bytesSent(long id, ByteBuffer d) {
        try { l.bytesSent(id, d); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void outboundBuffer(long id, long b, boolean p) {
        try { l.outboundBuffer(id, b, p); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void connectionStateChanged(long id, ConnectionState s) {
        try { l.connectionStateChanged(id, s); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void connectionClosed(long id, CloseReason r, String m) {
        try { l.connectionClosed(id, r, m); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void datagramReceived(long id, Address a, ByteBuffer d) {
        try { l.datagramReceived(id, a, d); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void datagramSent(long id, Address a, ByteBuffer d) {
        try { l.datagramSent(id, a, d); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void reactorHealth(ReactorHealth h) {
        try { l.reactorHealth(h); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void reactorBlocked(long ms, String st) {
        try { l.reactorBlocked(ms, st); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }

    @Override public void deferredEvent(DeferredEvent ev) {
        try { l.deferredEvent(ev); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
    }
}
