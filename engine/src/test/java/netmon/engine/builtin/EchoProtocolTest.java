package netmon.engine.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionDone;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Protocol;
import netmon.engine.testing.Chunking;
import netmon.engine.testing.IOPump;
import netmon.engine.testing.StringTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The echo built-in (DESIGN.md headless contract; TWISTED-SEMANTICS item 111). */
@Timeout(10)
class EchoProtocolTest {

    static byte[] payload(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static class Client extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<Failure> lost = new ArrayList<>();

        @Override public void dataReceived(byte[] data) { received.writeBytes(data); }

        @Override public void connectionLost(Failure reason) { lost.add(reason); }
    }

    static Protocol newEcho() {
        Factory f = Builtins.echoFactory();
        return f.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void everyChunkingIsEchoedByteForByte(Chunking chunking) {
        StringTransport t = new StringTransport();
        Protocol echo = t.connect(newEcho());
        byte[] data = payload(5000, 7);
        data[0] = 0;
        data[1] = (byte) 0xff;
        chunking.feed(data, echo::dataReceived);
        assertArrayEquals(data, t.value());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void echoOverAPumpReturnsEveryByte(Chunking chunking) {
        Client client = new Client();
        IOPump pump = IOPump.connect(newEcho(), client).setByteAtATime(chunking == Chunking.BYTE_AT_A_TIME);
        byte[] data = payload(3000, 11);
        for (byte[] chunk : chunking.split(data)) {
            client.getTransport().write(chunk);
            pump.pump();
        }
        assertArrayEquals(data, client.received.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void sendThenHalfCloseGetsEverythingBackThenTheConnectionCloses(Chunking chunking) {
        Client client = new Client();
        Protocol echo = newEcho();
        IOPump pump = IOPump.connect(echo, client).setByteAtATime(chunking == Chunking.BYTE_AT_A_TIME);
        byte[] data = payload(4096, 3);
        for (byte[] chunk : chunking.split(data)) client.getTransport().write(chunk);
        client.getTransport().loseWriteConnection();
        pump.pump();
        assertArrayEquals(data, client.received.toByteArray());
        assertTrue(pump.isClosed());
        assertNotNull(client.lost.get(0).check(ConnectionDone.class));
    }

    @Test
    void plainEchoWithoutHalfCloseWouldLoseTheEchoedBytes() {
        // Item 111: what echo avoids by being half-closeable. Same pump, an echo that is not.
        Protocol plain = new Protocol() {
            @Override public void dataReceived(byte[] data) { transport.write(data); }
        };
        Client client = new Client();
        IOPump pump = IOPump.connect(plain, client);
        client.getTransport().write(payload(100, 1));
        client.getTransport().loseWriteConnection();
        pump.pump();
        assertEquals(0, client.received.size());
        assertTrue(pump.isClosed());
    }

    @Test
    void echoIsHalfCloseableAndHalfCloseLosesTheConnectionAfterFlushing() {
        StringTransport t = new StringTransport();
        Protocol echo = t.connect(newEcho());
        HalfCloseableProtocol hc = assertInstanceOf(HalfCloseableProtocol.class, echo);
        echo.dataReceived(new byte[] {1, 2, 3});
        hc.readConnectionLost();
        assertTrue(t.isDisconnecting());
        assertArrayEquals(new byte[] {1, 2, 3}, t.value());
    }

    @Test
    void emptyDataWritesNothing() {
        StringTransport t = new StringTransport();
        Protocol echo = t.connect(newEcho());
        echo.dataReceived(new byte[0]);
        assertEquals(0, t.value().length);
    }

    @Test
    void dataReceivedHandsItsOwnArrayOverInsteadOfACopy() {
        List<byte[]> owned = new ArrayList<>();
        StringTransport t = new StringTransport() {
            @Override public void writeOwned(byte[] data) {
                owned.add(data);
                super.writeOwned(data);
            }
        };
        Protocol echo = t.connect(newEcho());
        byte[] data = "mine now".getBytes();
        echo.dataReceived(data);
        assertEquals(1, owned.size());
        assertTrue(owned.get(0) == data, "the very array, not a copy");
        assertEquals("mine now", t.valueString());
    }

    @Test
    void theDefaultWriteOwnedCopiesLikeWrite() {
        StringTransport t = new StringTransport();
        byte[] data = "abc".getBytes();
        t.writeOwned(data);
        data[0] = 'X';
        assertEquals("abc", t.valueString());
    }

    @Test
    void bufferReceivedWritesTheBytesBackWholeOneByteAtATimeAndSplit() {
        byte[] data = payload(10_000, 9);
        for (int chunk : new int[] {data.length, 1, 777}) {
            StringTransport t = new StringTransport();
            EchoProtocol echo = t.connect(new EchoProtocol());
            for (int off = 0; off < data.length; off += chunk) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(chunk);
                b.put(data, off, Math.min(chunk, data.length - off)).flip();
                echo.bufferReceived(b);
                assertEquals(0, b.remaining(), "the buffer is consumed");
            }
            assertArrayEquals(data, t.value(), "chunk " + chunk);
        }
    }
}
