package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import netmon.engine.error.ConnectionDone;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.protocol.Producer;
import netmon.engine.protocol.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ProducerConsumerTest {
    private final ReactorFixture fx = new ReactorFixture();

    @AfterEach
    void tearDown() throws Exception { fx.close(); }

    static final class RecordingProducer implements Producer {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        @Override public void resumeProducing() { calls.add("resume"); }
        @Override public void pauseProducing() { calls.add("pause"); }
        @Override public void stopProducing() { calls.add("stop"); }
    }

    private ReactorFixture.Recorder connected(Socket[] client) throws Exception {
        ReactorFixture.Recorder server = new ReactorFixture.Recorder();
        ListeningPort p = fx.listen(() -> server);
        client[0] = ReactorFixture.connect(p);
        server.made.get(5, TimeUnit.SECONDS);
        return server;
    }

    @Test
    void streamingProducerIsPausedAboveHighWaterResumedWhenDrainedAndStoppedOnLoss() throws Exception {
        Socket[] c = new Socket[1];
        ReactorFixture.Recorder server = connected(c);
        RecordingProducer prod = new RecordingProducer();
        fx.run(() -> {
            Transport t = server.getTransport();
            t.setWriteBufferWaterMarks(1000, 4000);
            t.registerProducer(prod, true);
            t.write(new byte[3000]);
            assertEquals(List.of(), prod.calls, "at or below high water nothing happens");
            // More than the kernel will take at once, so the buffer stays over the mark.
            t.write(new byte[32 * 1024 * 1024]);
            assertEquals(List.of("pause"), prod.calls);
        });
        InputStream in = c[0].getInputStream();
        long want = 3000 + 32L * 1024 * 1024;
        byte[] buf = new byte[1 << 16];
        long got = 0;
        while (got < want) got += in.read(buf);
        long end = System.nanoTime() + 5_000_000_000L;
        while (!prod.calls.contains("resume") && System.nanoTime() < end) Thread.sleep(5);
        assertEquals(List.of("pause", "resume"), List.copyOf(prod.calls));
        c[0].close();
        server.lost.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("pause", "resume", "stop"), List.copyOf(prod.calls));
    }

    @Test
    void pullProducerIsAskedAtOnceAndAgainEachTimeTheBufferDrains() throws Exception {
        Socket[] c = new Socket[1];
        ReactorFixture.Recorder server = connected(c);
        int chunk = 100_000, rounds = 10;
        int[] asked = new int[1];
        fx.run(() -> {
            Transport t = server.getTransport();
            t.registerProducer(new Producer() {
                @Override public void resumeProducing() {
                    asked[0]++;
                    if (asked[0] <= rounds) {
                        t.write(new byte[chunk]);
                    } else {
                        t.unregisterProducer();
                        t.loseConnection();
                    }
                }
                @Override public void stopProducing() {}
            }, false);
            assertEquals(1, asked[0], "a pull producer is resumed at registration");
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c[0].getInputStream().transferTo(out);
        assertEquals(chunk * rounds, out.size());
        assertEquals(rounds + 1, fx.on(() -> asked[0]));
        assertNotNull(server.lost.get(5, TimeUnit.SECONDS).check(ConnectionDone.class));
    }

    @Test
    void registeringASecondProducerFails() throws Exception {
        Socket[] c = new Socket[1];
        ReactorFixture.Recorder server = connected(c);
        fx.run(() -> {
            server.getTransport().registerProducer(new RecordingProducer(), true);
            assertThrows(IllegalStateException.class, () -> server.getTransport().registerProducer(new RecordingProducer(), true));
            server.getTransport().unregisterProducer();
            server.getTransport().registerProducer(new RecordingProducer(), true);
        });
        c[0].close();
    }

    @Test
    void registeringOnADisconnectedTransportCallsStopProducing() throws Exception {
        Socket[] c = new Socket[1];
        ReactorFixture.Recorder server = connected(c);
        c[0].close();
        server.lost.get(5, TimeUnit.SECONDS);
        RecordingProducer prod = new RecordingProducer();
        fx.run(() -> server.getTransport().registerProducer(prod, true));
        assertEquals(List.of("stop"), prod.calls);
    }

    @Test
    void loseConnectionWaitsForTheProducerToBeUnregistered() throws Exception {
        Socket[] c = new Socket[1];
        ReactorFixture.Recorder server = connected(c);
        fx.run(() -> {
            server.getTransport().registerProducer(new RecordingProducer(), true);
            server.getTransport().write("x".getBytes());
            server.getTransport().loseConnection();
        });
        assertEquals('x', c[0].getInputStream().read());
        Thread.sleep(150);
        assertFalse(server.lost.isDone(), "still open while the producer is registered");
        fx.run(() -> server.getTransport().unregisterProducer());
        assertNotNull(server.lost.get(5, TimeUnit.SECONDS).check(ConnectionDone.class));
        assertEquals(-1, c[0].getInputStream().read());
        c[0].close();
    }
}
