package netmon.engine.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import netmon.engine.defer.Failure;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Protocol;

/**
 * Runs a SelectReactor on its own thread for a test and lets the test thread talk to it. Public (test scope)
 * so that other packages' real-socket tests build on it rather than repeat it.
 */
public class ReactorFixture implements AutoCloseable {
    public final SelectReactor reactor = new SelectReactor();
    public final Thread thread;

    ReactorFixture() {
        this("test-reactor");
    }

    /** Starts the reactor on a thread of this name. */
    protected ReactorFixture(String threadName) {
        thread = reactor.startThread(threadName);
    }

    /** Runs {@code fn} on the reactor thread and waits (10 s at most) for its result. */
    public <T> T on(Supplier<T> fn) {
        CompletableFuture<T> f = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            try {
                f.complete(fn.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new RuntimeException(c);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    void run(Runnable r) {
        on(() -> {
            r.run();
            return null;
        });
    }

    /** Listens on 127.0.0.1:0 and returns the port. */
    ListeningPort listen(Supplier<? extends Protocol> protocols) {
        return on(() -> reactor.listenTCP(0, Factory.forProtocol(protocols), 50, "127.0.0.1"));
    }

    /** A blocking client socket connected to {@code port} on 127.0.0.1 (10 s read timeout). */
    public static Socket connect(ListeningPort port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port.getHost().port()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Stops the reactor (if it still runs) and waits for its thread. */
    @Override
    public void close() throws InterruptedException {
        if (reactor.isRunning()) {
            try {
                reactor.stop();
            } catch (RuntimeException ignored) {
                // already stopping
            }
        }
        thread.join(10_000);
    }

    /** A protocol that records what happens to it (reactor thread writes, test thread reads). */
    static class Recorder extends Protocol {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        final CompletableFuture<Protocol> made = new CompletableFuture<>();
        final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        volatile int lostCount;

        @Override public void connectionMade() {
            events.add("made");
            made.complete(this);
        }

        @Override public void dataReceived(byte[] data) {
            synchronized (received) {
                received.write(data, 0, data.length);
            }
        }

        @Override public void connectionLost(Failure reason) {
            events.add("lost:" + reason.getType().getSimpleName());
            lostCount++;
            lost.complete(reason);
        }

        byte[] receivedBytes() {
            synchronized (received) {
                return received.toByteArray();
            }
        }
    }

    /** A plain echo: every byte back, no half-close support. */
    static class Echo extends Recorder {
        @Override public void dataReceived(byte[] data) {
            super.dataReceived(data);
            transport.write(data);
        }
    }
}
