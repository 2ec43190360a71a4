package netmon.engine.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionDone;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Producer;
import netmon.engine.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Twisted's {@code StringTransport} behaviour (TWISTED-SEMANTICS item 108). */
@Timeout(10)
class StringTransportTest {

    static final class Recorder extends Protocol {
        final List<Failure> lost = new ArrayList<>();
        boolean made;

        @Override public void connectionMade() { made = true; }

        @Override public void connectionLost(Failure reason) { lost.add(reason); }
    }

    static final Producer NOOP = new Producer() {
        @Override public void resumeProducing() {}
        @Override public void stopProducing() {}
    };

    @Test
    void valueHoldsEveryByteWrittenSinceClear() {
        StringTransport t = new StringTransport();
        t.write("abc".getBytes(UTF_8));
        t.writeSequence(List.of("de".getBytes(UTF_8), new byte[0], "f".getBytes(UTF_8)));
        t.write(ByteBuffer.wrap("XghX".getBytes(UTF_8), 1, 2));
        assertEquals("abcdefgh", t.valueString());
        t.clear();
        assertArrayEquals(new byte[0], t.value());
        t.write("i".getBytes(UTF_8));
        assertEquals("i", t.valueString());
    }

    @Test
    void writingNullIsRejected() {
        StringTransport t = new StringTransport();
        assertThrows(NullPointerException.class, () -> t.write((byte[]) null));
        assertThrows(NullPointerException.class, () -> t.write((ByteBuffer) null));
    }

    @Test
    void loseConnectionOnlySetsDisconnecting() {
        StringTransport t = new StringTransport();
        Recorder p = t.connect(new Recorder());
        assertTrue(p.made);
        assertSame(t, p.getTransport());
        assertSame(p, t.protocol());
        assertFalse(t.isDisconnecting());
        t.loseConnection();
        assertTrue(t.isDisconnecting());
        assertFalse(t.isAborted());
        assertTrue(p.lost.isEmpty());
        assertTrue(p.isConnected());
    }

    @Test
    void abortConnectionSetsDisconnectingAndAborted() {
        StringTransport t = new StringTransport();
        Recorder p = t.connect(new Recorder());
        t.abortConnection();
        assertTrue(t.isDisconnecting());
        assertTrue(t.isAborted());
        assertTrue(p.lost.isEmpty());
    }

    @Test
    void defaultAddressesAreTwistedsAndCanBeSet() {
        StringTransport t = new StringTransport();
        assertEquals(new Address("TCP", "192.168.1.1", 54321), t.getPeer());
        assertEquals(new Address("TCP", "10.0.0.1", 12345), t.getHost());
        Address host = new Address("TCP", "127.0.0.1", 7);
        Address peer = new Address("TCP", "127.0.0.1", 40000);
        StringTransport u = new StringTransport(host, peer);
        assertEquals(host, u.getHost());
        assertEquals(peer, u.getPeer());
    }

    @Test
    void outboundBufferIsAlwaysEmpty() {
        StringTransport t = new StringTransport();
        t.write(new byte[100]);
        assertEquals(0, t.getOutboundBufferSize());
    }

    @Test
    void registeringTwoProducersOrUnregisteringNoneIsAnError() {
        StringTransport t = new StringTransport();
        assertThrows(IllegalStateException.class, t::unregisterProducer);
        t.registerProducer(NOOP, true);
        assertSame(NOOP, t.producer());
        assertTrue(t.isStreaming());
        assertThrows(IllegalStateException.class, () -> t.registerProducer(NOOP, false));
        t.unregisterProducer();
        assertNull(t.producer());
        assertThrows(IllegalStateException.class, t::unregisterProducer);
    }

    @Test
    void producerStateMovesThroughProducingPausedStopped() {
        StringTransport t = new StringTransport();
        assertEquals("producing", t.producerState());
        t.pauseProducing();
        assertEquals("paused", t.producerState());
        t.resumeProducing();
        assertEquals("producing", t.producerState());
        t.stopProducing();
        assertEquals("stopped", t.producerState());
        assertThrows(IllegalStateException.class, t::resumeProducing);
    }

    @Test
    void resumingAfterDisconnectIsAnErrorUnlessLenient() {
        StringTransport t = new StringTransport();
        t.pauseProducing();
        t.loseConnection();
        assertThrows(IllegalStateException.class, t::resumeProducing);
        StringTransport lenient = new StringTransport();
        lenient.setLenient(true);
        lenient.pauseProducing();
        lenient.loseConnection();
        lenient.resumeProducing();
        assertEquals("producing", lenient.producerState());
    }

    @Test
    void writesAfterLoseWriteConnectionAreIgnored() {
        StringTransport t = new StringTransport();
        t.write("a".getBytes(UTF_8));
        t.loseWriteConnection();
        assertTrue(t.isWriteDisconnected());
        t.write("b".getBytes(UTF_8));
        assertEquals("a", t.valueString());
    }

    @Test
    void withDisconnectionLoseConnectionCallsConnectionLostOnce() {
        StringTransportWithDisconnection t = new StringTransportWithDisconnection();
        Recorder p = t.connect(new Recorder());
        t.loseConnection();
        t.loseConnection();
        assertTrue(t.isDisconnecting());
        assertFalse(t.isConnected());
        assertEquals(1, p.lost.size());
        assertNotNull(p.lost.get(0).check(ConnectionDone.class));
        assertFalse(p.isConnected());
    }
}
