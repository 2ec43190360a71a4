package netmon.ui.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.ListenerInfo;
import netmon.engine.monitor.ReactorHealth;
import netmon.engine.protocol.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FxEventBridgeTest {
    static final Address HOST = new Address("TCP", "127.0.0.1", 7000);

    static ConnectionInfo conn(long id, long listener) {
        return new ConnectionInfo(id, listener, "echo", "tcp", new Address("TCP", "127.0.0.1", 40000 + (int) id), HOST, 1000, false);
    }

    static ByteBuffer bytes(int n) {
        return ByteBuffer.allocate(n);
    }

    @Test
    void watchdogStallsReportedOffTheReactorThreadReachTheStatusFigures() throws Exception {
        FxEventBridge b = new FxEventBridge();
        Thread watchdog = new Thread(() -> {
            b.reactorBlocked(2100, "stack");
            b.reactorBlocked(1500, "stack");
        }, "netmon-watchdog");
        watchdog.start();
        watchdog.join(5000);
        assertEquals(2, b.reactorBlockCount());
        assertEquals(1500, b.lastReactorBlockMillis());
    }

    @Test
    void manyEventsOnOneConnectionAreCoalescedIntoOneEntry() {
        FxEventBridge b = new FxEventBridge();
        b.connectionOpened(conn(1, 5));
        for (int i = 0; i < 1000; i++) {
            b.bytesReceived(1, bytes(10));
            b.bytesSent(1, bytes(7));
        }
        assertEquals(1, b.pendingDepth());
        BridgeBatch batch = b.drain();
        assertEquals(1, batch.connections().size());
        ConnectionDelta d = batch.connections().iterator().next();
        assertEquals(10_000, d.bytesIn());
        assertEquals(7_000, d.bytesOut());
        assertNotNull(d.opened());
        assertEquals(2001, batch.events());
        assertEquals(0, b.pendingDepth());
    }

    @Test
    void countsAfterDrainingEqualTheBytesSentWhileAProducerRunsConcurrently() throws Exception {
        FxEventBridge b = new FxEventBridge();
        int conns = 50;
        long[] sentIn = new long[conns + 1];
        long[] sentOut = new long[conns + 1];
        AtomicBoolean done = new AtomicBoolean();
        Thread reactor = new Thread(() -> {
            Random rnd = new Random(42);
            for (int c = 1; c <= conns; c++) b.connectionOpened(conn(c, 1));
            for (int i = 0; i < 200_000; i++) {
                int c = 1 + rnd.nextInt(conns);
                int n = rnd.nextInt(1500);
                if (rnd.nextBoolean()) {
                    b.bytesReceived(c, bytes(n));
                    sentIn[c] += n;
                } else {
                    b.bytesSent(c, bytes(n));
                    sentOut[c] += n;
                }
            }
            for (int c = 1; c <= conns; c++) b.connectionClosed(c, CloseReason.DONE, null);
            done.set(true);
        }, "fake-reactor");
        reactor.start();
        Map<Long, long[]> seen = new HashMap<>();
        long listenerIn = 0, listenerOut = 0;
        int drains = 0;
        while (true) {
            boolean finished = done.get();
            BridgeBatch batch = b.drain();
            drains++;
            for (ConnectionDelta d : batch.connections()) {
                long[] t = seen.computeIfAbsent(d.id(), k -> new long[2]);
                t[0] += d.bytesIn();
                t[1] += d.bytesOut();
            }
            for (ListenerDelta l : batch.listeners()) {
                listenerIn += l.bytesIn();
                listenerOut += l.bytesOut();
            }
            if (finished) break;
            Thread.sleep(1);
        }
        reactor.join();
        assertTrue(drains > 1, "drained while the producer ran");
        long totalIn = 0, totalOut = 0;
        for (int c = 1; c <= conns; c++) {
            assertEquals(sentIn[c], seen.get((long) c)[0], "bytes in of " + c);
            assertEquals(sentOut[c], seen.get((long) c)[1], "bytes out of " + c);
            totalIn += sentIn[c];
            totalOut += sentOut[c];
        }
        assertEquals(totalIn, listenerIn);
        assertEquals(totalOut, listenerOut);
    }

    @Test
    void bytesOfAConnectionThatClosedGoToNoListenerEvenRightAfterEventsOfTheSameConnection() {
        FxEventBridge b = new FxEventBridge();
        b.connectionOpened(conn(1, 5));
        b.connectionOpened(conn(2, 6));
        b.bytesReceived(1, bytes(3));
        b.bytesSent(2, bytes(4));
        b.bytesSent(1, bytes(5));
        b.connectionClosed(1, CloseReason.DONE, null);
        b.bytesSent(1, bytes(7));   // late: its listener no longer knows it
        b.bytesReceived(2, bytes(11));
        BridgeBatch batch = b.drain();
        Map<Long, ListenerDelta> byListener = new HashMap<>();
        for (ListenerDelta l : batch.listeners()) byListener.put(l.listenerId(), l);
        assertEquals(3, byListener.get(5L).bytesIn());
        assertEquals(5, byListener.get(5L).bytesOut());
        assertEquals(11, byListener.get(6L).bytesIn());
        assertEquals(4, byListener.get(6L).bytesOut());
        assertEquals(7, byListener.get(0L).bytesOut());
        Map<Long, ConnectionDelta> byId = new HashMap<>();
        for (ConnectionDelta d : batch.connections()) byId.put(d.id(), d);
        assertEquals(12, byId.get(1L).bytesOut());
        assertEquals(ConnectionState.CLOSED, byId.get(1L).state());
        assertEquals(8, b.totalEvents());
    }

    @Test
    void shortLivedConnectionsAreFoldedIntoListenerTotalsWhenTheUiFallsBehind() {
        FxEventBridge b = new FxEventBridge(10, 10);
        for (int c = 1; c <= 100; c++) {
            b.connectionOpened(conn(c, 3));
            b.bytesReceived(c, bytes(100));
            b.connectionClosed(c, CloseReason.DONE, null);
        }
        assertTrue(b.pendingDepth() <= 11, "pending entries stay bounded: " + b.pendingDepth());
        BridgeBatch batch = b.drain();
        assertEquals(100 - batch.connections().size(), batch.foldedConnections());
        ListenerDelta l = batch.listeners().iterator().next();
        assertEquals(3, l.listenerId());
        assertEquals(100 * 100, l.bytesIn(), "folded bytes still counted for the listener");
        assertEquals(100, l.opened());
        assertEquals(100, l.closed());
    }

    @Test
    void aConnectionSeenBeforeIsNeverFoldedSoItsRowLearnsItClosed() {
        FxEventBridge b = new FxEventBridge(1, 10);
        b.connectionOpened(conn(1, 3));
        b.drain();
        for (int c = 2; c <= 20; c++) b.connectionOpened(conn(c, 3));
        b.connectionClosed(1, CloseReason.LOST, "reset");
        BridgeBatch batch = b.drain();
        ConnectionDelta d = batch.connections().stream().filter(x -> x.id() == 1).findFirst().orElseThrow();
        assertEquals(CloseReason.LOST, d.closeReason());
        assertEquals("reset", d.closeMessage());
    }

    @Test
    void udpFlowsAreBoundedAndListenerTotalsStayExact() {
        FxEventBridge b = new FxEventBridge(10, 4);
        ListenerInfo li = new ListenerInfo(9, "udp-echo", "udp", new Address("UDP", "127.0.0.1", 7002));
        b.listenerStarted(li);
        for (int p = 0; p < 20; p++) {
            Address peer = new Address("UDP", "127.0.0.1", 50000 + p);
            b.datagramReceived(9, peer, bytes(30));
            b.datagramSent(9, peer, bytes(30));
        }
        BridgeBatch batch = b.drain();
        assertEquals(4, batch.flows().size());
        FlowDelta f = batch.flows().iterator().next();
        assertEquals("udp-echo", f.service());
        assertEquals(1, f.datagramsIn());
        assertEquals(30, f.bytesOut());
        ListenerDelta l = batch.listeners().iterator().next();
        assertEquals(20, l.datagramsIn());
        assertEquals(600, l.bytesIn());
        assertEquals(600, l.bytesOut());
    }

    @Test
    void listenerEventsAreQueuedInOrderButBounded() {
        FxEventBridge b = new FxEventBridge();
        int n = FxEventBridge.MAX_LISTENER_EVENTS + 44;
        for (int i = 0; i < n; i++) b.listenerFailed("echo", "tcp:" + i, new RuntimeException("address already in use"));
        BridgeBatch batch = b.drain();
        assertEquals(FxEventBridge.MAX_LISTENER_EVENTS, batch.listenerEvents().size());
        assertEquals(44, batch.droppedListenerEvents());
        assertEquals("tcp:44: address already in use", batch.listenerEvents().get(0).message());
        assertEquals(ListenerEvent.Kind.FAILED, batch.listenerEvents().get(0).kind());
    }

    @Test
    void onlyTheLatestHealthSampleAndStateAreDelivered() {
        FxEventBridge b = new FxEventBridge();
        b.reactorHealth(new ReactorHealth(1, 2, 3, 4, 5, 6, 7, 1000));
        b.reactorHealth(new ReactorHealth(9, 9, 9, 9, 9, 9, 9, 1000));
        b.connectionOpened(conn(1, 1));
        b.connectionStateChanged(1, ConnectionState.READ_CLOSED);
        b.outboundBuffer(1, 5000, true);
        b.outboundBuffer(1, 100, false);
        BridgeBatch batch = b.drain();
        assertEquals(9, batch.health().loopLagMillis());
        ConnectionDelta d = batch.connections().iterator().next();
        assertEquals(ConnectionState.READ_CLOSED, d.state());
        assertEquals(100, d.buffered());
        assertEquals(false, d.readingPaused());
        assertNull(b.drain().health());
    }

    @Test
    void lentBuffersAreNotConsumed() {
        FxEventBridge b = new FxEventBridge();
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        data.position(1);
        b.bytesReceived(1, data);
        assertEquals(1, data.position());
        assertEquals(4, data.limit());
    }

    @Test
    void aTagTheUiAttachesComesBackWithEveryLaterBatchOfThatConnectionAndEachBatchCountsOnlyItsOwnBytes() {
        FxEventBridge b = new FxEventBridge();
        b.connectionOpened(conn(1, 5));
        b.bytesReceived(1, bytes(3));
        ConnectionDelta first = b.drain().connections().iterator().next();
        assertNull(first.viewTag());
        Object row = new Object();
        first.setViewTag(row);
        for (int round = 1; round <= 3; round++) {
            b.bytesReceived(1, bytes(round));
            b.bytesSent(1, bytes(10 * round));
            BridgeBatch batch = b.drain();
            ConnectionDelta d = batch.connections().iterator().next();
            assertEquals(row, d.viewTag());
            assertEquals(round, d.bytesIn(), "only this batch's bytes");
            assertEquals(10 * round, d.bytesOut());
            ListenerDelta l = batch.listeners().iterator().next();
            assertEquals(5, l.listenerId());
            assertEquals(11 * round, l.bytesIn() + l.bytesOut(), "the listener's share of this batch");
        }
        b.connectionClosed(1, CloseReason.DONE, null);
        ConnectionDelta last = b.drain().connections().iterator().next();
        assertTrue(last.closed());
        assertEquals(row, last.viewTag(), "the close still finds the row");
        b.connectionOpened(conn(2, 5));
        assertNull(b.drain().connections().iterator().next().viewTag(), "a new connection starts untagged");
    }

    @Test
    void anArmedWakeUpRunsOnceOnTheFirstEventAfterAnEmptyDrainAndTheCountsStayExact() {
        FxEventBridge b = new FxEventBridge();
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
        assertTrue(b.wakeOnNextEvent(wakes::incrementAndGet));
        assertEquals(0, wakes.get());
        b.connectionOpened(conn(1, 5));
        for (int i = 0; i < 100; i++) b.bytesReceived(1, bytes(3));
        b.connectionClosed(1, CloseReason.DONE, null);
        assertEquals(1, wakes.get());
        BridgeBatch batch = b.drain();
        assertEquals(102, batch.events());
        assertEquals(300, batch.connections().iterator().next().bytesIn());
        assertEquals(102, b.totalEvents());
    }

    @Test
    void aWakeUpIsRefusedWhileEventsWaitForADrain() {
        FxEventBridge b = new FxEventBridge();
        b.reactorHealth(new ReactorHealth(1, 2, 3, 4, 5, 6, 7, 1000));
        AtomicBoolean woke = new AtomicBoolean();
        assertTrue(!b.wakeOnNextEvent(() -> woke.set(true)));
        b.bytesReceived(9, bytes(1));
        assertTrue(!woke.get());
        b.drain();
        assertTrue(b.wakeOnNextEvent(() -> woke.set(true)));
        b.deferredEvent(null);
        assertTrue(woke.get());
    }

    @Test
    void aCancelledWakeUpNeverRunsAndAStallReportWakesTheSleepingPump() {
        FxEventBridge b = new FxEventBridge();
        AtomicBoolean woke = new AtomicBoolean();
        assertTrue(b.wakeOnNextEvent(() -> woke.set(true)));
        b.cancelWakeUp();
        b.bytesReceived(9, bytes(1));
        assertTrue(!woke.get());
        b.drain();
        assertTrue(b.wakeOnNextEvent(() -> woke.set(true)));
        b.reactorBlocked(1200, "stack");
        assertTrue(woke.get());
    }
}
