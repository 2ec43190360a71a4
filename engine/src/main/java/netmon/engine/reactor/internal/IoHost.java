package netmon.engine.reactor.internal;

import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.reactor.DelayedCall;

/**
 * What the reactor offers its transports and ports: the selector, timed calls, the shared read buffer,
 * the monitor and bookkeeping. Not API; every method runs on the reactor thread unless it says otherwise.
 */
public interface IoHost {
    /** The selector channels register with. */
    Selector selector();

    /** Schedules {@code r} after {@code delay} seconds. */
    DelayedCall callLater(double delay, Runnable r);

    /** Thread-safe: queues {@code r} for the reactor thread. */
    void callFromThread(Runnable r);

    /** Runs blocking work on the reactor's pool. */
    void callInThread(Runnable r);

    /** True on the reactor thread. */
    boolean isReactorThread();

    /** True when code may touch reactor state from the calling thread (reactor thread, or before run()). */
    boolean mayTouch();

    /** The monitor to report to. */
    MonitorHub monitor();

    /** The 64 KiB buffer every TCP read goes through (one thread, so one buffer). */
    ByteBuffer readBuffer();

    /**
     * Scratch array of {@link TcpConnection#MAX_GATHER} entries for one gathering write: shared by the
     * connections of one reactor thread instead of a pair per connection (50,000 idle connections).
     */
    ByteBuffer[] gatherBuffers();

    /** Scratch positions beside {@link #gatherBuffers()}, same length. */
    int[] gatherStarts();

    /** A selectable became live: counted for health and closed at shutdown. */
    void opened(Selectable s);

    /** A selectable is closed for good. */
    void closed(Selectable s);

    /** Counts one monitor-worthy I/O event. */
    void countEvent();

    /** Asks for {@link TcpConnection#flushNow()} at the end of this iteration (before the next select). */
    void flushLater(TcpConnection c);

    /** Asks for one {@code outboundBuffer} report for {@code c} at the end of this iteration. */
    void outboundDirty(TcpConnection c);
}
