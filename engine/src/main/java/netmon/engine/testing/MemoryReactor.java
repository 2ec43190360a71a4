package netmon.engine.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import netmon.engine.defer.Deferred;
import netmon.engine.error.ReactorAlreadyRunning;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.DelayedCall;
import netmon.engine.reactor.Reactor;

/**
 * A reactor that opens no sockets: Twisted's {@code MemoryReactorClock}. {@code listenTCP},
 * {@code connectTCP} and {@code listenUDP} record their arguments in public lists and return fake ports
 * and connectors; time is a virtual {@link Clock} moved with {@link #advance}. Nothing builds
 * protocols: a test takes the recorded factory and drives it itself.
 *
 * <p>{@link #callFromThread}, {@link #callInThread} and {@link #deferToThread} run their work at once on
 * the calling thread. {@link #run()} sets {@link #running}, runs the {@link #callWhenRunning} hooks and
 * then calls {@link #stop()}, which runs the shutdown triggers once. Single-threaded; every thread counts
 * as the reactor thread.
 */
public class MemoryReactor implements Reactor {
    /** A recorded {@code listenTCP} call. */
    public record TcpServer(int port, Factory factory, int backlog, String iface) {}

    /** A recorded {@code connectTCP} call. */
    public record TcpClient(String host, int port, ClientFactory factory, double timeoutSeconds) {}

    /** A recorded {@code listenUDP} call. */
    public record UdpServer(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {}

    /** A recorded system event trigger. */
    public record Trigger(Phase phase, String eventType, Supplier<Object> trigger) {}

    /** Every {@code listenTCP} call, in order. */
    public final List<TcpServer> tcpServers = new ArrayList<>();
    /** Every {@code connectTCP} call, in order. */
    public final List<TcpClient> tcpClients = new ArrayList<>();
    /** Every {@code listenUDP} call, in order. */
    public final List<UdpServer> udpServers = new ArrayList<>();
    /** The connectors returned by {@code connectTCP}, in order. */
    public final List<FakeConnector> connectors = new ArrayList<>();
    /** The ports returned by {@code listenTCP} and {@code listenUDP}, in order. */
    public final List<FakePort> ports = new ArrayList<>();
    /** The current system event triggers. */
    public final List<Trigger> triggers = new ArrayList<>();
    /** The virtual clock behind {@link #seconds()} and {@link #callLater}. */
    public final Clock clock = new Clock();

    /** True between {@link #run()} and {@link #stop()}. */
    public boolean running;
    /** Set by {@link #run()}; false until then (unlike Twisted trunk, which starts it true). */
    public boolean hasRun;
    /** Set by {@link #stop()}; false until then. */
    public boolean hasStopped;

    private final List<Runnable> whenRunning = new ArrayList<>();
    private final MonitorHub monitor = new MonitorHub();
    private int nextEphemeralPort = 49152;

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String iface) {
        tcpServers.add(new TcpServer(port, factory, backlog, iface));
        FakePort p = new FakePort(new Address("TCP", hostOf(iface), port == 0 ? nextEphemeralPort++ : port));
        ports.add(p);
        return p;
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, double timeoutSeconds) {
        tcpClients.add(new TcpClient(host, port, factory, timeoutSeconds));
        FakeConnector c = new FakeConnector(new Address("TCP", host, port));
        connectors.add(c);
        return c;
    }

    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        udpServers.add(new UdpServer(port, protocol, iface, maxPacketSize));
        FakePort p = new FakePort(new Address("UDP", hostOf(iface), port == 0 ? nextEphemeralPort++ : port));
        ports.add(p);
        return p;
    }

    private static String hostOf(String iface) {
        return iface == null || iface.isEmpty() ? "0.0.0.0" : iface;
    }

    /** Moves virtual time forward by {@code seconds}, running the calls that become due. */
    public void advance(double seconds) { clock.advance(seconds); }

    @Override public double seconds() { return clock.seconds(); }
    @Override public DelayedCall callLater(double delaySeconds, Runnable callable) { return clock.callLater(delaySeconds, callable); }
    @Override public List<DelayedCall> getDelayedCalls() { return clock.getDelayedCalls(); }

    /** Runs {@code callable} now, on the calling thread. */
    @Override public void callFromThread(Runnable callable) { callable.run(); }

    /** Runs {@code callable} now, on the calling thread. */
    @Override public void callInThread(Runnable callable) { callable.run(); }

    /** Runs {@code work} now; the Deferred is already fired with its result or failure. */
    @Override
    public <T> Deferred<T> deferToThread(Supplier<T> work) {
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
        return Deferred.succeed(value);
    }

    @Override
    public void callWhenRunning(Runnable callable) {
        if (running) callable.run();
        else whenRunning.add(callable);
    }

    @Override
    public Object addSystemEventTrigger(Phase phase, String eventType, Supplier<Object> trigger) {
        Trigger t = new Trigger(phase, eventType, trigger);
        triggers.add(t);
        return t;
    }

    @Override
    public void removeSystemEventTrigger(Object handle) {
        if (!triggers.remove(handle)) throw new IllegalArgumentException("no such trigger: " + handle);
    }

    /** Sets {@link #running} and {@link #hasRun}, runs the {@code callWhenRunning} hooks, then {@link #stop()}. */
    @Override
    public void run() {
        if (running) throw new ReactorAlreadyRunning();
        running = true;
        hasRun = true;
        List<Runnable> hooks = new ArrayList<>(whenRunning);
        whenRunning.clear();
        for (Runnable r : hooks) r.run();
        stop();
    }

    /**
     * Clears {@link #running}, sets {@link #hasStopped}, and the first time runs the "shutdown" triggers
     * (before, during, after; Deferreds they return are not waited for).
     */
    @Override
    public void stop() {
        running = false;
        if (hasStopped) return;
        hasStopped = true;
        for (Phase phase : Phase.values()) {
            for (Trigger t : new ArrayList<>(triggers)) {
                if (t.phase() == phase && t.eventType().equals("shutdown")) t.trigger().get();
            }
        }
    }

    @Override public boolean isRunning() { return running; }
    @Override public boolean isReactorThread() { return true; }
    @Override public MonitorHub monitor() { return monitor; }

    /** The port {@code listenTCP}/{@code listenUDP} return: records whether it was stopped. */
    public static final class FakePort implements ListeningPort {
        private final Address host;
        /** Set by {@link #stopListening()}. */
        public boolean stopped;

        public FakePort(Address host) { this.host = host; }

        @Override
        public Deferred<Void> stopListening() {
            stopped = true;
            return Deferred.succeed(null);
        }

        @Override public Address getHost() { return host; }
        @Override public String toString() { return "FakePort(" + host + (stopped ? ", stopped" : "") + ")"; }
    }

    /** The connector {@code connectTCP} returns: records calls, changes state, tells no factory anything. */
    public static final class FakeConnector implements Connector {
        private final Address destination;
        private String state = "connecting";
        /** Set by {@link #stopConnecting()}. */
        public boolean stoppedConnecting;
        /** Set by {@link #disconnect()}. */
        public boolean disconnected;
        /** How many times {@link #connect()} was called again. */
        public int connectCalls;

        public FakeConnector(Address destination) { this.destination = destination; }

        @Override public void connect() { connectCalls++; state = "connecting"; }

        @Override public void stopConnecting() { stoppedConnecting = true; state = "disconnected"; }

        @Override public void disconnect() { disconnected = true; state = "disconnected"; }

        @Override public Address getDestination() { return destination; }
        @Override public String getState() { return state; }

        /** Moves the state to "connected", as a test's simulated connection would. */
        public void setConnected() { state = "connected"; }
    }
}
