package netmon.engine.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.SelectReactor;

/** A real reactor on its own thread, with the measurements the fault tests need (descriptors, heap). */
final class Harness implements AutoCloseable {
    final SelectReactor reactor = new SelectReactor();
    final Thread thread = reactor.startThread("reliability-reactor");

    /** Runs {@code fn} on the reactor thread and waits (10 s at most) for its result. */
    <T> T on(Supplier<T> fn) {
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
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ListeningPort listen(Factory factory) {
        return on(() -> reactor.listenTCP(0, factory, 50, "127.0.0.1"));
    }

    int openConnections() { return on(reactor::openConnectionCount); }

    static Socket connect(ListeningPort port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port.getHost().port()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Waits up to {@code millis} for {@code condition}; returns whether it held. */
    static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(10);
        }
        return true;
    }

    /** Descriptors this process has open now (Linux /proc). */
    static int openDescriptors() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Heap in use after a few full collections: a stable figure to compare before and after. */
    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

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
}
