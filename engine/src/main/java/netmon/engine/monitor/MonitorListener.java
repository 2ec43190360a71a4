package netmon.engine.monitor;

import java.nio.ByteBuffer;
import netmon.engine.protocol.Address;

/**
 * Observes the engine, in the manner of OkHttp's {@code EventListener}: paired events (opened/closed,
 * started/stopped), no-op defaults, called synchronously on the thread that caused the event (the
 * reactor thread for I/O; the firing thread for Deferreds).
 *
 * <p>Implementations must be fast, must not throw, must not block and must not call back into the
 * engine (no writes, no closes) from inside an event: queue what you need and act later. A window
 * watching 10,000 connections gets its data from here, so per-event work should be a counter update
 * or a queue append. Byte payloads are lent: copy them if you keep them.
 */
public interface MonitorListener {

    /** A listener that ignores everything. */
    MonitorListener NONE = new MonitorListener() {};

    // ---- listeners (TCP ports, UDP ports)

    /** A TCP or UDP listener is bound. */
    default void listenerStarted(ListenerInfo listener) {}

    /** A listener was closed. */
    default void listenerStopped(ListenerInfo listener) {}

    /** A listener could not be started ({@code description} is the endpoint or {@code iface:port}). */
    default void listenerFailed(String name, String description, Throwable error) {}

    /** A TCP listener refused a connection (buildProtocol returned null, connection cap, out of descriptors). */
    default void connectionRefused(long listenerId, Address peer, String why) {}

    // ---- TCP connections, paired opened / closed

    /** A connection is established, before the protocol's connectionMade. */
    default void connectionOpened(ConnectionInfo connection) {}

    /**
     * {@code data} (position to limit) arrived on connection {@code id} and is about to be handed to the
     * protocol. Lent for the call only: do not change its position, copy it to keep it.
     */
    default void bytesReceived(long id, ByteBuffer data) {}

    /** {@code data} (position to limit) was handed to the kernel for connection {@code id}. Lent, as above. */
    default void bytesSent(long id, ByteBuffer data) {}

    /**
     * The outbound buffer of {@code id} changed significantly: its size, and whether reading is paused
     * by backpressure. Sent when paused or resumed, and at most once per loop iteration otherwise.
     */
    default void outboundBuffer(long id, long bufferedBytes, boolean readingPaused) {}

    /** The connection's state changed (half-closed, closing). {@link ConnectionState#CLOSED} comes with {@link #connectionClosed}. */
    default void connectionStateChanged(long id, ConnectionState state) {}

    /** The connection is gone, after the protocol's connectionLost. */
    default void connectionClosed(long id, CloseReason reason, String message) {}

    // ---- UDP

    /** A datagram of {@code data} (lent) arrived on UDP listener {@code listenerId} from {@code from}. */
    default void datagramReceived(long listenerId, Address from, ByteBuffer data) {}

    /** A datagram of {@code data} (lent) was sent from UDP listener {@code listenerId} to {@code to}. */
    default void datagramSent(long listenerId, Address to, ByteBuffer data) {}

    // ---- reactor health

    /** A periodic sample of the loop's health, about once a second while the reactor runs. */
    default void reactorHealth(ReactorHealth health) {}

    /**
     * The reactor thread has been running one stretch of callbacks for {@code blockedMillis} (at least the
     * watchdog threshold, 1 s by default): something blocks the loop. Reported once per stall, from the
     * watchdog thread (the reactor thread is the one stuck), with the reactor thread's stack at that moment.
     */
    default void reactorBlocked(long blockedMillis, String reactorStack) {}

    // ---- Deferreds (issue 3 fills these in; see DeferredEvent for the shape)

    /** A Deferred event: created, callback added, step ran, paused, unpaused, fired, cancelled, ended. */
    default void deferredEvent(DeferredEvent event) {}
}
