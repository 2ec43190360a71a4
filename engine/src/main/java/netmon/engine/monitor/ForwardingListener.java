package netmon.engine.monitor;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import netmon.engine.protocol.Address;

/** Forwards every event to several listeners, catching what each throws. */
class ForwardingListener implements MonitorListener {
    private final MonitorListener[] targets;

    ForwardingListener(MonitorListener[] targets) { this.targets = targets; }

    private void each(Consumer<MonitorListener> event) {
        for (MonitorListener l : targets) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                MonitorHub.failed(l, e);
            }
        }
    }

    // Lent buffers are rewound between watchers so each sees the same bytes.
    private void eachLent(ByteBuffer data, Consumer<MonitorListener> event) {
        int pos = data.position(), lim = data.limit();
        for (MonitorListener l : targets) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                MonitorHub.failed(l, e);
            }
            data.limit(lim).position(pos);
        }
    }

    @Override public void listenerStarted(ListenerInfo i) { each(l -> l.listenerStarted(i)); }
    @Override public void listenerStopped(ListenerInfo i) { each(l -> l.listenerStopped(i)); }
    @Override public void listenerFailed(String n, String d, Throwable e) { each(l -> l.listenerFailed(n, d, e)); }
    @Override public void connectionRefused(long id, Address p, String w) { each(l -> l.connectionRefused(id, p, w)); }
    @Override public void connectionOpened(ConnectionInfo c) { each(l -> l.connectionOpened(c)); }
    @Override public void bytesReceived(long id, ByteBuffer d) { eachLent(d, l -> l.bytesReceived(id, d)); }
    @Override public void bytesSent(long id, ByteBuffer d) { eachLent(d, l -> l.bytesSent(id, d)); }
    @Override public void outboundBuffer(long id, long b, boolean p) { each(l -> l.outboundBuffer(id, b, p)); }
    @Override public void connectionStateChanged(long id, ConnectionState s) { each(l -> l.connectionStateChanged(id, s)); }
    @Override public void connectionClosed(long id, CloseReason r, String m) { each(l -> l.connectionClosed(id, r, m)); }
    @Override public void datagramReceived(long id, Address a, ByteBuffer d) { eachLent(d, l -> l.datagramReceived(id, a, d)); }
    @Override public void datagramSent(long id, Address a, ByteBuffer d) { eachLent(d, l -> l.datagramSent(id, a, d)); }
    @Override public void reactorHealth(ReactorHealth h) { each(l -> l.reactorHealth(h)); }
    @Override public void reactorBlocked(long ms, String st) { each(l -> l.reactorBlocked(ms, st)); }
    @Override public void deferredEvent(DeferredEvent e) { each(l -> l.deferredEvent(e)); }
}
