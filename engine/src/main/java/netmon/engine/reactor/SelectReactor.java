package netmon.engine.reactor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.error.AlreadyCalled;
import netmon.engine.error.AlreadyCancelled;
import netmon.engine.error.ReactorAlreadyRunning;
import netmon.engine.error.ReactorNotRestartable;
import netmon.engine.error.ReactorNotRunning;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.monitor.ReactorHealth;
import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.internal.IoHost;
import netmon.engine.reactor.internal.Selectable;
import netmon.engine.reactor.internal.TcpConnection;
import netmon.engine.reactor.internal.TcpConnector;
import netmon.engine.reactor.internal.TcpPort;
import netmon.engine.reactor.internal.UdpPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reactor on a {@link java.nio.channels.Selector}: one thread runs timed calls, calls from other
 * threads and I/O events, in that order, each iteration (Twisted's {@code SelectReactor}).
 *
 * <p>Set up listeners before {@link #run()} from the thread that will run it, or from reactor
 * callbacks afterwards. From any other thread, go through {@link #callFromThread}.
 */
public final class SelectReactor implements Reactor {
    private static final Logger log = LoggerFactory.getLogger(SelectReactor.class);
    /** How often the watchdog hands the loop a health tick (seconds). */
    private static final double HEALTH_INTERVAL = 1.0;
    private static final long HEALTH_INTERVAL_NANOS = (long) (HEALTH_INTERVAL * 1e9);
    /** A callback holding the loop this long (seconds) is reported by the watchdog. */
    public static final double DEFAULT_WATCHDOG_THRESHOLD = 1.0;

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final Selector selector;
    private final MonitorHub monitor = new MonitorHub();
    private final Host host = new Host();
    /** Direct, so a read goes from the kernel straight into it (a heap buffer costs the JDK an extra copy). */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);

    private final PriorityQueue<Call> timed = new PriorityQueue<>();
    private final List<Call> newCalls = new ArrayList<>();
    private long callSeq;

    private final ConcurrentLinkedQueue<Runnable> threadCalls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ThreadPoolExecutor pool;

    private final List<Runnable> whenRunning = new ArrayList<>();
    private boolean whenRunningDrained; // guarded by whenRunning
    private final List<Trigger> triggers = new ArrayList<>();

    private final Set<Selectable> live = new LinkedHashSet<>();
    private int openConnections;
    private int openListeners;
    private final Set<TcpConnection> outboundDirty = new LinkedHashSet<>();
    /** Connections that wrote this iteration; flushed before the next select. */
    private ArrayList<TcpConnection> toFlush = new ArrayList<>();
    private ArrayList<TcpConnection> flushing = new ArrayList<>();

    private volatile State state = State.NEW;
    private volatile Thread loopThread;
    private boolean exitLoop;
    private final CountDownLatch started = new CountDownLatch(1);

    private long iterations;
    private long events;
    private double maxLagMillis;
    private double lastLagMillis;
    private long lastHealthNanos;
    /** When the watchdog handed the loop the health tick now pending ({@code System.nanoTime()}), 0 when none is. */
    private final AtomicLong healthPosted = new AtomicLong();
    private final Runnable healthTick = this::healthTick;

    // The watchdog: the loop stamps busySince when it starts running callbacks and clears it (0) before
    // select(); a watchdog thread that sees the same non-zero stamp for too long reports a blocked loop.
    private volatile long busySince;
    private volatile long watchdogThresholdNanos = (long) (DEFAULT_WATCHDOG_THRESHOLD * 1e9);
    private Thread watchdog;
    private static final java.lang.invoke.VarHandle BUSY_SINCE;

    static {
        try {
            BUSY_SINCE = java.lang.invoke.MethodHandles.lookup().findVarHandle(SelectReactor.class, "busySince", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A new reactor; nothing runs until {@link #run()} or {@link #startThread}. */
    public SelectReactor() {
        // The first timed call may come when the process is out of descriptors (an accept that failed with
        // EMFILE schedules its retry), and loading a class from a directory of classes needs a descriptor.
        new Call(0, () -> {});
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        warmUpChannelClasses();
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(4, 10, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, "netmon-pool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The JDK initialises its socket-closing machinery on the first close, and that needs a free
     * descriptor: done first while out of descriptors, it fails for the life of the process. So open
     * and close one channel of each kind now.
     */
    private static void warmUpChannelClasses() {
        try {
            java.nio.channels.SocketChannel.open().close();
            java.nio.channels.DatagramChannel.open().close();
            java.nio.channels.ServerSocketChannel.open().close();
        } catch (IOException e) {
            log.debug("channel warm-up failed: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ time

    @Override
    public double seconds() { return System.nanoTime() / 1e9; }

    @Override
    public DelayedCall callLater(double delaySeconds, Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        if (!(delaySeconds >= 0)) throw new IllegalArgumentException("delay must be >= 0, got " + delaySeconds);
        checkThread();
        Call c = new Call(seconds() + delaySeconds, callable);
        // New calls join the queue at the start of the next iteration (item 53).
        newCalls.add(c);
        return c;
    }

    @Override
    public List<DelayedCall> getDelayedCalls() {
        checkThread();
        List<DelayedCall> out = new ArrayList<>();
        for (Call c : timed) if (c.active()) out.add(c);
        for (Call c : newCalls) if (c.active()) out.add(c);
        return out;
    }

    private void runTimedCalls() {
        for (Call c : newCalls) {
            if (c.active()) {
                c.seq = callSeq++;
                c.queued = true;
                timed.add(c);
            }
        }
        newCalls.clear();
        double now = seconds();
        while (!timed.isEmpty() && timed.peek().time <= now) {
            Call c = timed.poll();
            c.queued = false;
            if (!c.active()) continue;
            c.called = true;
            try {
                c.callable.run();
            } catch (Throwable t) {
                log.error("unhandled error in a timed call {}", c.callable, t);
            }
        }
    }

    private final class Call implements DelayedCall, Comparable<Call> {
        double time;
        long seq;
        final Runnable callable;
        boolean called, cancelled, queued;

        Call(double time, Runnable callable) {
            this.time = time;
            this.callable = callable;
        }

        private void check() {
            checkThread();
            if (cancelled) throw new AlreadyCancelled();
            if (called) throw new AlreadyCalled();
        }

        private void requeue() {
            if (queued) {
                timed.remove(this);
                queued = false;
                newCalls.add(this);
            }
        }

        @Override public double getTime() { return time; }

        @Override public void cancel() {
            check();
            cancelled = true;
            if (queued) {
                timed.remove(this);
                queued = false;
            } else {
                newCalls.remove(this);
            }
        }

        @Override public void reset(double secondsFromNow) {
            check();
            time = seconds() + secondsFromNow;
            requeue();
        }

        @Override public void delay(double secondsLater) {
            check();
            time += secondsLater;
            requeue();
        }

        @Override public boolean active() { return !called && !cancelled; }

        @Override public int compareTo(Call o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override public String toString() {
            return "DelayedCall(time=" + time + ", " + (active() ? "active" : called ? "called" : "cancelled") + ")";
        }
    }

    // ------------------------------------------------------------------ threads

    @Override
    public void callFromThread(Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        threadCalls.add(callable);
        if (Thread.currentThread() != loopThread && wakeupPending.compareAndSet(false, true)) selector.wakeup();
    }

    private void runThreadCalls() {
        if (threadCalls.isEmpty()) return; // size() walks the queue
        // Only what was queued before we started: later calls wait for the next iteration (item 59).
        int n = threadCalls.size();
        for (int i = 0; i < n; i++) {
            Runnable r = threadCalls.poll();
            if (r == null) break;
            try {
                r.run();
            } catch (Throwable t) {
                log.error("unhandled error in callFromThread call {}", r, t);
            }
        }
    }

    @Override
    public void callInThread(Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        pool.execute(() -> {
            try {
                callable.run();
            } catch (Throwable t) {
                log.error("unhandled error in callInThread call {}", callable, t);
            }
        });
    }

    @Override
    public <T> Deferred<T> deferToThread(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        Deferred<T> d = new Deferred<>("deferToThread");
        try {
            pool.execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (Throwable t) {
                    callFromThread(() -> d.errback(t));
                    return;
                }
                callFromThread(() -> d.callback(result));
            });
        } catch (RejectedExecutionException e) {
            d.errback(e);
        }
        return d;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void callWhenRunning(Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        synchronized (whenRunning) {
            if (!whenRunningDrained) {
                whenRunning.add(callable);
                return;
            }
        }
        if (isReactorThread()) callable.run();
        else callFromThread(callable);
    }

    @Override
    public Object addSystemEventTrigger(Phase phase, String eventType, Supplier<Object> trigger) {
        Trigger t = new Trigger(Objects.requireNonNull(phase), Objects.requireNonNull(eventType), Objects.requireNonNull(trigger));
        synchronized (triggers) {
            triggers.add(t);
        }
        return t;
    }

    @Override
    public void removeSystemEventTrigger(Object handle) {
        synchronized (triggers) {
            if (!triggers.remove(handle)) throw new IllegalArgumentException("no such trigger: " + handle);
        }
    }

    private record Trigger(Phase phase, String eventType, Supplier<Object> fn) {}

    /** Starts {@link #run()} on a new thread named {@code name} and returns once the loop is running. */
    public Thread startThread(String name) {
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        t.start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("reactor did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the reactor", e);
        }
        return t;
    }

    @Override
    public void run() {
        synchronized (this) {
            if (state == State.RUNNING || state == State.STOPPING) throw new ReactorAlreadyRunning();
            if (state == State.STOPPED) throw new ReactorNotRestartable();
            loopThread = Thread.currentThread();
            state = State.RUNNING;
        }
        started.countDown();
        busySince = System.nanoTime();
        startWatchdog();
        lastHealthNanos = System.nanoTime();
        List<Runnable> first;
        synchronized (whenRunning) {
            first = new ArrayList<>(whenRunning);
            whenRunning.clear();
            whenRunningDrained = true;
        }
        for (Runnable r : first) {
            try {
                r.run();
            } catch (Throwable t) {
                log.error("unhandled error in callWhenRunning call {}", r, t);
            }
        }
        try {
            loop();
        } finally {
            state = State.STOPPED;
            busySince = 0;
            if (watchdog != null) watchdog.interrupt();
            pool.shutdown();
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("selector close: {}", e.toString());
            }
            loopThread = null;
        }
    }

    private void loop() {
        // The body is a method of its own: a loop entered once only runs compiled through on-stack
        // replacement, and after any deoptimisation (a new Selectable type, a new protocol) it fell back to
        // the interpreter until OSR triggered again; a method called every iteration recompiles normally.
        while (!exitLoop) iterate();
    }

    private void iterate() {
        iterations++;
        runTimedCalls();
        runThreadCalls();
        flushWrites();
        if (exitLoop) return;
        long timeoutMillis = selectTimeoutMillis();
        // The watchdog only needs to see the stamp eventually: a release store, not a full fence.
        BUSY_SINCE.setRelease(this, 0L);
        try {
            // The action form hands each ready key straight to dispatch: no selected-key set to fill,
            // iterate and empty on every iteration.
            if (timeoutMillis == 0) selector.selectNow(dispatch);
            else selector.select(dispatch, timeoutMillis < 0 ? 0 : timeoutMillis);
        } catch (Throwable e) {
            // select() itself closes deregistered channels and can fail when the process is out of
            // descriptors; the loop must survive that, without spinning at full speed.
            log.error("select failed", e);
            pauseAfterSelectFailure();
        }
        long woke = System.nanoTime();
        BUSY_SINCE.setRelease(this, woke);
        monitor.woke(woke);
        // Reset only if set: a plain read when nobody woke us, instead of a fenced store every iteration.
        // Correct either way: a caller that saw it false calls wakeup() itself.
        if (wakeupPending.get()) wakeupPending.set(false);
        flushWrites();
        flushOutboundReports();
    }

    /**
     * Writes what connections queued since the last flush. A connection that queues again while being
     * flushed (a pull producer) waits for the next flush, so one flush is bounded.
     */
    private void flushWrites() {
        if (toFlush.isEmpty()) return;
        ArrayList<TcpConnection> batch = toFlush;
        toFlush = flushing;
        flushing = batch;
        for (int i = 0, n = batch.size(); i < n; i++) {
            TcpConnection c = batch.get(i);
            try {
                c.flushNow();
            } catch (Throwable t) {
                log.error("unhandled error flushing {}", c, t);
                try {
                    c.shutdown();
                } catch (Throwable t2) {
                    log.error("closing {} after an error failed", c, t2);
                }
            }
        }
        batch.clear();
    }

    private final java.util.function.Consumer<SelectionKey> dispatch = this::dispatch;

    private void dispatch(SelectionKey k) {
        Object a = k.attachment();
        if (!(a instanceof Selectable s)) return;
        int ops;
        try {
            if (!k.isValid()) return;
            ops = k.readyOps();
        } catch (CancelledKeyException e) {
            return;
        }
        try {
            s.onReady(ops);
        } catch (Throwable t) {
            log.error("unhandled error handling I/O on {}", s, t);
            try {
                s.shutdown();
            } catch (Throwable t2) {
                // Last resort (e.g. classes that cannot load while out of descriptors): never
                // leave a ready channel registered, or the loop spins on it.
                log.error("closing {} after an error failed; dropping its channel", s, t2);
                k.cancel();
                try {
                    k.channel().close();
                } catch (Throwable ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * Sets how long (seconds, > 0) one stretch of callbacks may hold the loop before the watchdog logs
     * the reactor thread's stack and reports {@link MonitorListener#reactorBlocked}. Thread-safe.
     */
    public void setWatchdogThreshold(double seconds) {
        if (!(seconds > 0)) throw new IllegalArgumentException("threshold must be > 0, got " + seconds);
        watchdogThresholdNanos = (long) (seconds * 1e9);
    }

    private void startWatchdog() {
        Thread loop = loopThread;
        Thread t = new Thread(() -> watch(loop), "netmon-watchdog");
        t.setDaemon(true);
        watchdog = t;
        t.start();
    }

    /**
     * The watchdog thread: samples the loop's stamp a few times per threshold, reports once per stall; and
     * about once a {@link #HEALTH_INTERVAL} hands the loop a health tick.
     */
    private void watch(Thread loop) {
        long reported = 0; // the busySince stamp already reported
        long nextHealth = System.nanoTime() + HEALTH_INTERVAL_NANOS;
        while (state != State.STOPPED) {
            long threshold = watchdogThresholdNanos;
            long untilHealth = Math.max(0, nextHealth - System.nanoTime());
            try {
                Thread.sleep(Math.max(10, Math.min(threshold / 4, untilHealth) / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (now - nextHealth >= 0) {
                nextHealth = now + HEALTH_INTERVAL_NANOS;
                // One tick at a time: a loop held for seconds gets one, whose wait is the lag it shows.
                if (healthPosted.compareAndSet(0L, now)) callFromThread(healthTick);
            }
            long since = busySince;
            if (since == 0) {
                continue;
            }
            long blocked = System.nanoTime() - since;
            if (blocked < threshold || since == reported) continue;
            reported = since;
            String stack = stackOf(loop);
            long millis = blocked / 1_000_000;
            log.warn("reactor thread {} blocked for {} ms (a callback must not block the loop); its stack:\n{}",
                    loop.getName(), millis, stack);
            try {
                monitor.listener().reactorBlocked(millis, stack);
            } catch (RuntimeException e) {
                log.warn("reactorBlocked report failed", e);
            }
        }
    }

    private static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) sb.append("\tat ").append(e).append('\n');
        return sb.toString();
    }

    private static void pauseAfterSelectFailure() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private long selectTimeoutMillis() {
        if (!threadCalls.isEmpty() || !newCalls.isEmpty() || !toFlush.isEmpty()) return 0;
        Call next = timed.peek();
        while (next != null && !next.active()) {
            timed.poll();
            next = timed.peek();
        }
        if (next == null) return -1;
        double wait = next.time - seconds();
        if (wait <= 0) return 0;
        return Math.max(1, (long) Math.ceil(wait * 1000));
    }

    private void flushOutboundReports() {
        if (outboundDirty.isEmpty()) return;
        for (TcpConnection c : outboundDirty) {
            try {
                c.reportOutbound();
            } catch (Throwable t) {
                log.error("outbound report failed", t);
            }
        }
        outboundDirty.clear();
    }

    @Override
    public void stop() {
        if (state != State.RUNNING) throw new ReactorNotRunning();
        callFromThread(this::beginShutdown);
    }

    private void beginShutdown() {
        if (state != State.RUNNING) return;
        state = State.STOPPING;
        List<Object> waits = new ArrayList<>();
        for (Trigger t : triggersFor(Phase.BEFORE)) {
            Object r = runTrigger(t);
            if (r instanceof Deferred<?> d) waits.add(d);
        }
        if (waits.isEmpty()) {
            continueShutdown();
            return;
        }
        int[] remaining = {waits.size()};
        for (Object o : waits) {
            ((Deferred<?>) o).addBoth(r -> {
                if (r instanceof Failure f) log.error("a before-shutdown trigger failed: {}", f.getErrorMessage(), f.getValue());
                if (--remaining[0] == 0) continueShutdown();
                return null;
            });
        }
    }

    private void continueShutdown() {
        for (Trigger t : triggersFor(Phase.DURING)) runTrigger(t);
        disconnectAll();
        for (Trigger t : triggersFor(Phase.AFTER)) runTrigger(t);
        exitLoop = true;
        selector.wakeup();
    }

    private List<Trigger> triggersFor(Phase p) {
        List<Trigger> out = new ArrayList<>();
        synchronized (triggers) {
            for (Trigger t : triggers) if (t.phase == p && "shutdown".equals(t.eventType)) out.add(t);
        }
        return out;
    }

    private Object runTrigger(Trigger t) {
        try {
            return t.fn.get();
        } catch (Throwable e) {
            log.error("shutdown trigger ({}) failed", t.phase, e);
            return null;
        }
    }

    private void disconnectAll() {
        for (Selectable s : new ArrayList<>(live)) {
            try {
                s.shutdown();
            } catch (Throwable t) {
                log.error("closing {} at shutdown failed", s, t);
            }
        }
    }

    @Override
    public boolean isRunning() { return state == State.RUNNING || state == State.STOPPING; }

    @Override
    public boolean isReactorThread() { return Thread.currentThread() == loopThread; }

    private boolean mayTouch() { return state == State.NEW || isReactorThread(); }

    private void checkThread() {
        assert mayTouch() : "reactor API used off the reactor thread: " + Thread.currentThread().getName();
    }

    @Override
    public MonitorHub monitor() { return monitor; }

    // ------------------------------------------------------------------ health

    /**
     * Reactor thread: a health sample, the loop's lag being how long this tick waited for it since the watchdog
     * handed it over. Not a timed call: one pending for ever would give every select() a timeout, and a select
     * that sleeps with a timeout arms a kernel timer (an hrtimer start and cancel on about every other round
     * trip of a ping-pong, which Netty's blocking select does not pay).
     */
    private void healthTick() {
        assert isReactorThread() : "health tick off the reactor thread";
        long now = System.nanoTime();
        lastLagMillis = Math.max(0, (now - healthPosted.get()) / 1e6);
        maxLagMillis = Math.max(maxLagMillis, lastLagMillis);
        MonitorListener m = monitor.listener();
        if (m != MonitorListener.NONE) {
            m.reactorHealth(new ReactorHealth(lastLagMillis, maxLagMillis, pendingDelayedCalls(), openConnections,
                    openListeners, iterations, events, (now - lastHealthNanos) / 1_000_000));
        }
        maxLagMillis = 0;
        iterations = 0;
        events = 0;
        lastHealthNanos = now;
        healthPosted.set(0L);
    }

    private int pendingDelayedCalls() {
        int n = 0;
        for (Call c : timed) if (c.active()) n++;
        for (Call c : newCalls) if (c.active()) n++;
        return n;
    }

    /** TCP connections open now (a cheap count, for health and tests). */
    public int openConnectionCount() { return openConnections; }

    // ------------------------------------------------------------------ I/O entry points

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String iface) {
        Objects.requireNonNull(factory, "factory");
        checkThread();
        return TcpPort.listen(host, port, factory, backlog, iface);
    }

    /**
     * As {@link #listenTCP(int, Factory, int, String)}, with a cap on connections open at once (beyond
     * it, new connections are closed at once, counted and reported as refused; the default is
     * {@link TcpPort#DEFAULT_MAX_CONNECTIONS}).
     */
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String iface, int maxConnections) {
        TcpPort p = (TcpPort) listenTCP(port, factory, backlog, iface);
        p.setMaxConnections(maxConnections);
        return p;
    }

    @Override
    public Connector connectTCP(String hostName, int port, ClientFactory factory, double timeoutSeconds) {
        Objects.requireNonNull(hostName, "host");
        Objects.requireNonNull(factory, "factory");
        checkThread();
        TcpConnector c = new TcpConnector(host, hostName, port, factory, timeoutSeconds);
        c.connect();
        return c;
    }

    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        Objects.requireNonNull(protocol, "protocol");
        checkThread();
        return UdpPort.listen(host, port, protocol, iface, maxPacketSize);
    }

    /** What transports and ports see of the reactor. */
    private final class Host implements IoHost {
        @Override public Selector selector() { return selector; }
        @Override public DelayedCall callLater(double delay, Runnable r) { return SelectReactor.this.callLater(delay, r); }
        @Override public void callFromThread(Runnable r) { SelectReactor.this.callFromThread(r); }
        @Override public void callInThread(Runnable r) { SelectReactor.this.callInThread(r); }
        @Override public boolean isReactorThread() { return SelectReactor.this.isReactorThread(); }
        @Override public boolean mayTouch() { return SelectReactor.this.mayTouch(); }
        @Override public MonitorHub monitor() { return monitor; }
        private final ByteBuffer[] gather = new ByteBuffer[TcpConnection.MAX_GATHER];
        private final int[] starts = new int[TcpConnection.MAX_GATHER];
        @Override public ByteBuffer readBuffer() { return readBuffer; }
        @Override public ByteBuffer[] gatherBuffers() { return gather; }
        @Override public int[] gatherStarts() { return starts; }
        @Override public void countEvent() { events++; }
        @Override public void outboundDirty(TcpConnection c) { outboundDirty.add(c); }
        @Override public void flushLater(TcpConnection c) { toFlush.add(c); }

        @Override public void opened(Selectable s) {
            if (live.add(s)) {
                if (s.isConnection()) openConnections++;
                if (s.isListener()) openListeners++;
            }
        }

        @Override public void closed(Selectable s) {
            if (live.remove(s)) {
                if (s.isConnection()) openConnections--;
                if (s.isListener()) openListeners--;
            }
            if (s instanceof TcpConnection c) outboundDirty.remove(c);
        }
    }

    @Override
    public String toString() { return "SelectReactor(" + state + ")"; }
}
