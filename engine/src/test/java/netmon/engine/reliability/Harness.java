package netmon.engine.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.ReactorFixture;

/** A real reactor on its own thread, with the measurements the fault tests need (descriptors, heap). */
final class Harness extends ReactorFixture {
    Harness() {
        super("reliability-reactor");
    }

    ListeningPort listen(Factory factory) {
        return on(() -> reactor.listenTCP(0, factory, 50, "127.0.0.1"));
    }

    int openConnections() { return on(reactor::openConnectionCount); }

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
}
