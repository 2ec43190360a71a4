package netmon.engine.reactor;

import java.util.function.Supplier;
import netmon.engine.defer.Deferred;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;

/**
 * The event loop: one thread, I/O readiness, timed calls, and the one thread-safe door into it,
 * {@link #callFromThread}. Everything else (listen, connect, callLater, every transport and Deferred)
 * must be used on the reactor thread; implementations assert it.
 *
 * <p>A reactor runs once: {@link #run()} blocks until {@link #stop()}; after that it cannot be
 * restarted. An exception thrown by any callback is logged and the loop goes on.
 */
public interface Reactor extends ReactorTime {

    /** Listens on {@code iface:port} (port 0 = ephemeral, iface "" = all). Throws {@code CannotListenError} synchronously. */
    ListeningPort listenTCP(int port, Factory factory, int backlog, String iface);

    /** Connects to {@code host:port}; the factory hears how it went. Timeout in seconds (<= 0: none). */
    Connector connectTCP(String host, int port, ClientFactory factory, double timeoutSeconds);

    /** Binds a UDP port; datagrams up to {@code maxPacketSize} bytes (netmon's built-ins use 65507) arrive whole. */
    ListeningPort listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize);

    /** Queues {@code callable} to run on the reactor thread and wakes it. The only method safe from any thread. */
    void callFromThread(Runnable callable);

    /** Runs {@code callable} on the reactor's bounded thread pool (blocking work goes here, never on the loop). */
    void callInThread(Runnable callable);

    /** Runs {@code work} on the thread pool; the Deferred fires with its result on the reactor thread. */
    <T> Deferred<T> deferToThread(Supplier<T> work);

    /** Runs {@code callable} as soon as the reactor is running (at once if it already is). */
    void callWhenRunning(Runnable callable);

    /**
     * Adds a system event trigger: {@code phase} BEFORE, DURING or AFTER the event ({@code "shutdown"}).
     * A BEFORE trigger that returns a Deferred delays the later phases until it fires.
     * Returns a handle for {@link #removeSystemEventTrigger}.
     */
    Object addSystemEventTrigger(Phase phase, String eventType, Supplier<Object> trigger);

    /** Removes a trigger added with {@link #addSystemEventTrigger}. */
    void removeSystemEventTrigger(Object handle);

    /** Runs the loop on the calling thread until {@link #stop()} and the shutdown triggers are done. */
    void run();

    /** Starts shutdown: triggers, then every listener and connection closes, then {@link #run()} returns. Thread-safe. */
    void stop();

    /** True while the loop runs. */
    boolean isRunning();

    /** True when called on the reactor thread. */
    boolean isReactorThread();

    /** The monitor this reactor reports its I/O events to. */
    MonitorHub monitor();

    /** The phases of a system event, as in Twisted's {@code addSystemEventTrigger}. */
    enum Phase { BEFORE, DURING, AFTER }
}
