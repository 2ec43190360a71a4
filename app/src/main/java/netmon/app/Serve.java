package netmon.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import netmon.engine.capture.CaptureRecorder;
import netmon.engine.capture.CaptureSnapshot;
import netmon.engine.capture.PcapngWriter;
import netmon.engine.defer.Failure;
import netmon.engine.endpoints.EndpointParseException;
import netmon.engine.endpoints.ServerDescription;
import netmon.engine.error.CannotListenError;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.SelectReactor;
import netmon.engine.service.BuiltinServer;

/**
 * The headless {@code serve} command (DESIGN.md, "the headless contract"): one {@link SelectReactor} on its
 * own thread, one {@link BuiltinServer} per {@code NAME=ENDPOINT}, a {@code listening NAME PROTO ADDR:PORT}
 * line on stdout as each comes up, and a single {@code error: ...} line on stderr with exit status 1 if any
 * cannot listen (the others are closed first).
 *
 * <p>Every endpoint is checked before anything starts. SIGTERM and SIGINT run the JVM's shutdown hooks;
 * {@link #run} installs one that stops the reactor (closing listeners and connections), waits a bounded
 * time for its loop to end, then halts with status 0: a JVM ended by a signal otherwise exits 143 or 130
 * (TWISTED-SEMANTICS 114).
 *
 * <p>With {@code --capture FILE} a {@link CaptureRecorder} watches the reactor from the start, and the stop
 * writes its snapshot to FILE as pcapng (atomically, off the reactor thread, waiting at most
 * {@link #CAPTURE_WAIT_MILLIS}) after the reactor has closed every connection and before the halt.
 */
final class Serve {
    /** Exit status when a listener cannot start (bad endpoint, port in use). */
    static final int EXIT_LISTEN_FAILED = 1;
    /** How long a stop waits for the reactor loop to end before the process exits anyway. */
    static final long STOP_WAIT_MILLIS = 3000;
    /**
     * How long a stop waits for the capture file to be written: with {@link #STOP_WAIT_MILLIS} it keeps a
     * stopping serve under 10 s. A write that takes longer is abandoned (the halt ends it; the rename never
     * happens, so FILE is never half-written).
     */
    static final long CAPTURE_WAIT_MILLIS = 6000;
    /**
     * A system property for measuring: when true, a watcher that does nothing is attached, so the cost of the
     * monitor's event path alone can be compared with capture off and capture on.
     */
    static final String NOOP_MONITOR_PROPERTY = "netmon.monitor.noop";

    private final List<ListenerSpec> specs;
    private final SelectReactor reactor;
    private final List<BuiltinServer> servers;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile Thread loop;
    private volatile int status;
    private volatile CaptureOption capture;
    private volatile CaptureRecorder recorder;

    private Serve(List<ListenerSpec> specs, SelectReactor reactor, List<BuiltinServer> servers,
                  PrintStream out, PrintStream err) {
        this.specs = specs;
        this.reactor = reactor;
        this.servers = servers;
        this.out = out;
        this.err = err;
    }

    /** A command line or endpoint that cannot be served: its exit status and the text after {@code error: }. */
    static final class SetupException extends Exception {
        final int status;

        SetupException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Runs {@code serve} until a signal stops it; returns the exit status for the setup and listen errors. */
    static int run(List<ListenerSpec> specs, PrintStream out, PrintStream err) {
        return run(specs, null, out, err);
    }

    /** As {@link #run(List, PrintStream, PrintStream)}, recording traffic into {@code capture} when it is not null. */
    static int run(List<ListenerSpec> specs, CaptureOption capture, PrintStream out, PrintStream err) {
        // Installed before anything else, so no signal can find the process without it.
        ExitOnSignal hook = new ExitOnSignal(out, err);
        Runtime.getRuntime().addShutdownHook(new Thread(hook, "netmon-shutdown"));
        Serve serve;
        try {
            serve = prepare(specs, out, err);
            if (capture != null) serve.capture(capture);
            if (Boolean.getBoolean(NOOP_MONITOR_PROPERTY)) serve.reactor.monitor().add(new MonitorListener() {});
        } catch (SetupException e) {
            hook.status = e.status;
            err.println("error: " + e.getMessage());
            err.flush();
            return e.status;
        }
        hook.serve = serve;
        serve.start();
        return serve.awaitExit();
    }

    /**
     * The shutdown hook: runs on SIGTERM, SIGINT and {@code System.exit}. It stops the reactor (bounded),
     * then halts with the status serve decided on, 0 unless a start failed.
     */
    private static final class ExitOnSignal implements Runnable {
        private final PrintStream out;
        private final PrintStream err;
        volatile Serve serve;
        volatile int status;

        ExitOnSignal(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void run() {
            Serve s = serve;
            int exit = status;
            if (s != null) {
                s.stop();
                s.writeCapture();
                exit = s.status();
            }
            out.flush();
            err.flush();
            Runtime.getRuntime().halt(exit);
        }
    }

    /**
     * Checks every endpoint and builds the (stopped) servers on a new reactor; nothing listens yet.
     *
     * @throws SetupException status 1 for a malformed endpoint, 2 for two listeners on one fixed port
     */
    static Serve prepare(List<ListenerSpec> specs, PrintStream out, PrintStream err) throws SetupException {
        List<ServerDescription> descriptions = new ArrayList<>();
        for (ListenerSpec spec : specs) {
            try {
                descriptions.add(BuiltinServer.validate(spec.name(), spec.endpoint()));
            } catch (EndpointParseException e) {
                throw new SetupException(EXIT_LISTEN_FAILED, spec + ": " + endpointProblem(e));
            }
        }
        String conflict = conflict(specs, descriptions);
        if (conflict != null) throw new SetupException(Main.EXIT_USAGE, conflict);
        SelectReactor reactor = new SelectReactor();
        List<BuiltinServer> servers = new ArrayList<>();
        for (ListenerSpec spec : specs) servers.add(BuiltinServer.create(reactor, spec.name(), spec.endpoint()));
        return new Serve(List.copyOf(specs), reactor, List.copyOf(servers), out, err);
    }

    /** The problem without the {@code bad endpoint 'X': } prefix: the error line already quotes the argument. */
    static String endpointProblem(EndpointParseException e) {
        String prefix = "bad endpoint '" + e.getDescription() + "': ";
        String m = e.getMessage();
        return m.startsWith(prefix) && m.length() > prefix.length() ? m.substring(prefix.length()) : m;
    }

    /**
     * Two listeners on the same fixed port and interface could never both start: say so before either
     * does. Returns the message, or null. Port 0 never conflicts: each listener gets its own port.
     */
    static String conflict(List<ListenerSpec> specs, List<ServerDescription> descriptions) {
        for (int i = 0; i < descriptions.size(); i++) {
            ServerDescription a = descriptions.get(i);
            if (a.port() == 0) continue;
            for (int j = 0; j < i; j++) {
                ServerDescription b = descriptions.get(j);
                if (a.type().equals(b.type()) && a.port() == b.port() && a.iface().equals(b.iface())) {
                    return specs.get(j) + " and " + specs.get(i) + " both want " + a.type() + " "
                            + a.iface() + ":" + a.port();
                }
            }
        }
        return null;
    }

    /**
     * Attaches a recorder to the reactor's monitor before anything starts, so the capture sees every
     * listener and connection.
     *
     * @throws SetupException status 1 when FILE's directory does not exist or cannot be written
     */
    void capture(CaptureOption option) throws SetupException {
        Path dir = option.file().toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SetupException(EXIT_LISTEN_FAILED, "--capture " + option.file() + ": no such directory " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new SetupException(EXIT_LISTEN_FAILED, "--capture " + option.file() + ": cannot write in " + dir);
        }
        CaptureRecorder r = new CaptureRecorder(option.byteBudget(), CaptureRecorder.DEFAULT_MAX_TRACKED,
                reactor.monitor());
        // 10,000 tracked connections at the per-connection budget could outgrow the memory of a long run: past
        // half the maximum heap the oldest closed connections are forgotten, then the busy one sheds its oldest
        // bytes. (The bytes are in direct memory, whose limit is the maximum heap unless set otherwise: half of it
        // leaves room for the buffers of forgotten connections not yet collected.)
        r.setTotalBudget(captureTotalBudget(option.byteBudget(), Runtime.getRuntime().maxMemory()));
        reactor.monitor().add(r);
        capture = option;
        recorder = r;
    }

    /** What {@code serve --capture} keeps over all connections: half the heap, and at least one connection's budget. */
    static long captureTotalBudget(long perConnection, long maxHeap) {
        return Math.max(perConnection, maxHeap / 2);
    }

    /** The capture's recorder, null without {@code --capture}. */
    CaptureRecorder recorder() {
        return recorder;
    }

    /**
     * Writes the capture, if there is one, on a writer thread, waiting at most {@link #CAPTURE_WAIT_MILLIS}.
     * Called after {@link #stop()} so the connections' closes are in it; a write that fails or takes too long
     * is reported on stderr and leaves no partial file.
     */
    void writeCapture() {
        CaptureRecorder r = recorder;
        CaptureOption c = capture;
        if (r == null || c == null) return;
        recorder = null;
        long t0 = System.nanoTime();
        CaptureSnapshot snap = r.snapshot();
        try {
            new PcapngWriter().writeAsync(snap, c.file()).get(CAPTURE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            err.println("capture: wrote " + c.file() + " (" + snap.connections().size() + " connections, "
                    + snap.flows().size() + " UDP flows) in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("capture: cannot write " + c.file() + ": " + e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("capture: writing " + c.file() + " took more than " + CAPTURE_WAIT_MILLIS + " ms; not written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }

    /** Starts the reactor thread and every listener; returns at once. */
    void start() {
        loop = reactor.startThread("netmon-reactor");
        reactor.callFromThread(this::listenAll);
    }

    /** On the reactor thread: starts each server and reports how its listen went. */
    private void listenAll() {
        assert reactor.isReactorThread();
        for (int i = 0; i < servers.size(); i++) {
            BuiltinServer server = servers.get(i);
            ListenerSpec spec = specs.get(i);
            if (failed.get()) return;
            try {
                server.startService();
            } catch (RuntimeException e) {
                listenFailed(spec, Failure.of(e));
                return;
            }
            server.whenListening().addCallbacks(port -> {
                listening(server, port);
                return null;
            }, f -> {
                listenFailed(spec, f);
                return null;
            });
        }
    }

    /** Reactor thread: the contract's line for a listener that is up. */
    private void listening(BuiltinServer server, ListeningPort port) {
        assert reactor.isReactorThread();
        if (failed.get()) return;
        out.println("listening " + server.kind() + " " + server.description().type() + " " + port.getHost().hostPort());
        out.flush();
    }

    /** The first failure wins: one error line, the listeners that did start are closed, then the reactor stops. */
    private void listenFailed(ListenerSpec spec, Failure f) {
        assert reactor.isReactorThread();
        if (!failed.compareAndSet(false, true)) return;
        status = EXIT_LISTEN_FAILED;
        err.println("error: " + spec + ": " + describe(f));
        err.flush();
        for (BuiltinServer s : servers) {
            try {
                if (s.isRunning()) s.stopService();
            } catch (RuntimeException e) {
                // the reactor's shutdown closes whatever is left
            }
        }
        reactor.stop();
    }

    /** A failure as the end of an error line: CannotListenError's message, minus its capital. */
    static String describe(Failure f) {
        Throwable t = f.getValue();
        String m = t instanceof EndpointParseException epe ? endpointProblem(epe) : f.getErrorMessage();
        if (t instanceof CannotListenError && m.startsWith("Couldn't")) m = "c" + m.substring(1);
        return m.replace('\n', ' ');
    }

    /**
     * Stops the reactor (closing listeners and connections) and waits up to {@link #STOP_WAIT_MILLIS} for
     * its loop to end. Safe from any thread, any number of times.
     */
    void stop() {
        try {
            if (reactor.isRunning()) reactor.stop();
        } catch (RuntimeException e) {
            // already stopping or stopped
        }
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the reactor loop ends (after a failure or a stop) and returns the exit status. */
    int awaitExit() {
        Thread t = loop;
        try {
            while (t != null && t.isAlive()) {
                if (failed.get()) {
                    // A failed start exits even if closing what did start hangs.
                    t.join(STOP_WAIT_MILLIS);
                    break;
                }
                t.join(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status;
    }

    /** The status the process should exit with: 0 unless a listener failed. */
    int status() {
        return status;
    }

    /** True once the reactor loop has ended. */
    boolean isStopped() {
        Thread t = loop;
        return t != null && !t.isAlive();
    }

    SelectReactor reactor() {
        return reactor;
    }
}
