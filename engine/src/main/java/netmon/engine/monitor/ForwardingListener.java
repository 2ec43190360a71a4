package netmon.engine.monitor;

import java.nio.ByteBuffer;
import netmon.engine.protocol.Address;

/**
 * Forwards every event to several watchers, catching what each throws. Each event is a plain loop with
 * its own try/catch (no lambda per event: a capturing lambda would allocate on every read and write, and
 * one shared {@code accept} call site would be megamorphic).
 */
final class ForwardingListener implements MonitorListener {
    private final MonitorListener[] targets;

    ForwardingListener(MonitorListener[] targets) { this.targets = targets; }

    @Override public void listenerStarted(ListenerInfo i) {
        for (MonitorListener l : targets) {
            try { l.listenerStarted(i); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void listenerStopped(ListenerInfo i) {
        for (MonitorListener l : targets) {
            try { l.listenerStopped(i); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void listenerFailed(String n, String d, Throwable t) {
        for (MonitorListener l : targets) {
            try { l.listenerFailed(n, d, t); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void connectionRefused(long id, Address p, String w) {
        for (MonitorListener l : targets) {
            try { l.connectionRefused(id, p, w); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void connectionOpened(ConnectionInfo c) {
        for (MonitorListener l : targets) {
            try { l.connectionOpened(c); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    // Lent buffers are rewound between watchers so each sees the same bytes.
    @Override public void bytesReceived(long id, ByteBuffer d) {
        int pos = d.position(), lim = d.limit();
        for (MonitorListener l : targets) {
            try { l.bytesReceived(id, d); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
            d.limit(lim).position(pos);
        }
    }

    @Override public void bytesSent(long id, ByteBuffer d) {
        int pos = d.position(), lim = d.limit();
        for (MonitorListener l : targets) {
            try { l.bytesSent(id, d); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
            d.limit(lim).position(pos);
        }
    }

    @Override public void outboundBuffer(long id, long b, boolean p) {
        for (MonitorListener l : targets) {
            try { l.outboundBuffer(id, b, p); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void connectionStateChanged(long id, ConnectionState s) {
        for (MonitorListener l : targets) {
            try { l.connectionStateChanged(id, s); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void connectionClosed(long id, CloseReason r, String m) {
        for (MonitorListener l : targets) {
            try { l.connectionClosed(id, r, m); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void datagramReceived(long id, Address a, ByteBuffer d) {
        int pos = d.position(), lim = d.limit();
        for (MonitorListener l : targets) {
            try { l.datagramReceived(id, a, d); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
            d.limit(lim).position(pos);
        }
    }

    @Override public void datagramSent(long id, Address a, ByteBuffer d) {
        int pos = d.position(), lim = d.limit();
        for (MonitorListener l : targets) {
            try { l.datagramSent(id, a, d); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
            d.limit(lim).position(pos);
        }
    }

    @Override public void reactorHealth(ReactorHealth h) {
        for (MonitorListener l : targets) {
            try { l.reactorHealth(h); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void reactorBlocked(long ms, String st) {
        for (MonitorListener l : targets) {
            try { l.reactorBlocked(ms, st); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }

    @Override public void deferredEvent(DeferredEvent ev) {
        for (MonitorListener l : targets) {
            try { l.deferredEvent(ev); } catch (RuntimeException e) { MonitorHub.failed(l, e); }
        }
    }
}
