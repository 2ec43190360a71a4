package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionLost;
import netmon.engine.error.ReactorAlreadyRunning;
import netmon.engine.error.ReactorNotRestartable;
import netmon.engine.error.ReactorNotRunning;
import netmon.engine.protocol.ListeningPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SelectReactorLifecycleTest {

    @Test
    void stopWhenNotRunningRaisesReactorNotRunning() {
        SelectReactor r = new SelectReactor();
        assertThrows(ReactorNotRunning.class, r::stop);
    }

    @Test
    void runTwiceRaisesAlreadyRunningAndAStoppedReactorIsNotRestartable() throws Exception {
        ReactorFixture fx = new ReactorFixture();
        assertThrows(ReactorAlreadyRunning.class, () -> fx.on(() -> {
            fx.reactor.run();
            return null;
        }));
        fx.close();
        assertFalse(fx.thread.isAlive());
        assertFalse(fx.reactor.isRunning());
        assertThrows(ReactorNotRestartable.class, fx.reactor::run);
        assertThrows(ReactorNotRunning.class, fx.reactor::stop);
    }

    @Test
    void reactorApisAssertTheReactorThreadOnceRunning() throws Exception {
        try (ReactorFixture fx = new ReactorFixture()) {
            assertThrows(AssertionError.class, () -> fx.reactor.callLater(1, () -> {}));
            assertThrows(AssertionError.class, () -> fx.reactor.listenTCP(0,
                    netmon.engine.protocol.Factory.forProtocol(ReactorFixture.Recorder::new), 50, "127.0.0.1"));
            assertFalse(fx.reactor.isReactorThread());
            assertTrue(fx.on(fx.reactor::isReactorThread));
        }
    }

    @Test
    void callWhenRunningRunsOnTheReactorThreadOnceStarted() throws Exception {
        SelectReactor r = new SelectReactor();
        CompletableFuture<Boolean> onThread = new CompletableFuture<>();
        r.callWhenRunning(() -> onThread.complete(r.isReactorThread()));
        Thread t = r.startThread("t");
        assertTrue(onThread.get(5, TimeUnit.SECONDS));
        r.stop();
        t.join(5000);
        assertFalse(t.isAlive());
    }

    @Test
    void shutdownTriggersRunBeforeDuringAfterAndABeforeDeferredDelaysTheRest() throws Exception {
        ReactorFixture fx = new ReactorFixture();
        SelectReactor r = fx.reactor;
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Deferred<Object>[] gate = new Deferred[1];
        CompletableFuture<Void> beforeRan = new CompletableFuture<>();
        fx.run(() -> {
            r.addSystemEventTrigger(Reactor.Phase.AFTER, "shutdown", () -> order.add("after"));
            r.addSystemEventTrigger(Reactor.Phase.DURING, "shutdown", () -> order.add("during"));
            r.addSystemEventTrigger(Reactor.Phase.BEFORE, "shutdown", () -> {
                order.add("before");
                gate[0] = new Deferred<>();
                beforeRan.complete(null);
                return gate[0];
            });
            Object removed = r.addSystemEventTrigger(Reactor.Phase.DURING, "shutdown", () -> order.add("removed"));
            r.removeSystemEventTrigger(removed);
        });
        r.stop();
        beforeRan.get(5, TimeUnit.SECONDS);
        Thread.sleep(100);
        assertEquals(List.of("before"), List.copyOf(order), "later phases wait for the before trigger's Deferred");
        assertTrue(fx.thread.isAlive());
        r.callFromThread(() -> gate[0].callback("go"));
        fx.thread.join(5000);
        assertFalse(fx.thread.isAlive());
        assertEquals(List.of("before", "during", "after"), order);
    }

    @Test
    void stopClosesListenersAndConnectionsDeliveringConnectionLost() throws Exception {
        ReactorFixture fx = new ReactorFixture();
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort port = fx.listen(() -> server);
        try (Socket s = ReactorFixture.connect(port)) {
            server.made.get(5, TimeUnit.SECONDS);
            fx.reactor.stop();
            Failure f = server.lost.get(5, TimeUnit.SECONDS);
            assertNotNull(f.check(ConnectionLost.class));
            fx.thread.join(5000);
            assertFalse(fx.thread.isAlive());
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "the client sees the connection closed");
            assertEquals(1, server.lostCount);
        }
        try (Socket s2 = new Socket()) {
            assertThrows(java.io.IOException.class,
                    () -> s2.connect(new java.net.InetSocketAddress("127.0.0.1", port.getHost().port()), 2000));
        }
    }

    @Test
    void callFromThreadFromManyThreadsRunsEveryCallOnTheReactorThread() throws Exception {
        try (ReactorFixture fx = new ReactorFixture()) {
            int threads = 8, per = 2000;
            AtomicInteger count = new AtomicInteger();
            AtomicInteger offThread = new AtomicInteger();
            CountDownLatch all = new CountDownLatch(threads * per);
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    for (int j = 0; j < per; j++) {
                        fx.reactor.callFromThread(() -> {
                            if (!fx.reactor.isReactorThread()) offThread.incrementAndGet();
                            count.incrementAndGet();
                            all.countDown();
                        });
                    }
                });
                ts.add(t);
                t.start();
            }
            for (Thread t : ts) t.join();
            assertTrue(all.await(10, TimeUnit.SECONDS));
            assertEquals(threads * per, count.get());
            assertEquals(0, offThread.get());
        }
    }

    @Test
    void exceptionInACallFromThreadIsLoggedAndTheLoopContinues() throws Exception {
        try (ReactorFixture fx = new ReactorFixture()) {
            fx.reactor.callFromThread(() -> { throw new IllegalStateException("boom (expected by test)"); });
            assertEquals("alive", fx.on(() -> "alive"));
        }
    }

    @Test
    void deferToThreadRunsOffTheLoopAndFiresOnTheReactorThread() throws Exception {
        try (ReactorFixture fx = new ReactorFixture()) {
            CompletableFuture<String> where = new CompletableFuture<>();
            CompletableFuture<String> workThread = new CompletableFuture<>();
            fx.run(() -> fx.reactor.deferToThread(() -> {
                workThread.complete(fx.reactor.isReactorThread() ? "reactor" : "pool");
                return 42;
            }).addCallback(v -> {
                where.complete(v + "@" + (fx.reactor.isReactorThread() ? "reactor" : "other"));
                return null;
            }));
            assertEquals("pool", workThread.get(5, TimeUnit.SECONDS));
            assertEquals("42@reactor", where.get(5, TimeUnit.SECONDS));

            CompletableFuture<String> err = new CompletableFuture<>();
            fx.run(() -> fx.reactor.deferToThread(() -> { throw new IllegalArgumentException("bad"); })
                    .addErrback(f -> {
                        err.complete(f.getErrorMessage() + "@" + fx.reactor.isReactorThread());
                        return null;
                    }));
            assertEquals("bad@true", err.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void callInThreadRunsOnAPoolThread() throws Exception {
        try (ReactorFixture fx = new ReactorFixture()) {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            fx.reactor.callInThread(() -> f.complete(fx.reactor.isReactorThread()));
            assertFalse(f.get(5, TimeUnit.SECONDS));
        }
    }
}
