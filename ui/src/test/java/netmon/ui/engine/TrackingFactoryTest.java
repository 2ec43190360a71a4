package netmon.ui.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import netmon.engine.builtin.Builtins;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Protocol;
import netmon.engine.protocol.Transport;
import netmon.engine.reactor.internal.BufferReceiver;
import netmon.engine.testing.StringTransport;
import org.junit.jupiter.api.Test;

class TrackingFactoryTest {
    private static final byte[] TEXT = "hello, tracked world\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Takes the read buffer itself, as the built-in echo does; remembers each buffer it was handed. */
    static final class TakesBuffers extends Protocol implements BufferReceiver {
        final List<ByteBuffer> buffers = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override public void bufferReceived(ByteBuffer data) {
            buffers.add(data);
            while (data.hasRemaining()) bytes.write(data.get());
        }

        @Override public void dataReceived(byte[] data) { throw new AssertionError("given an array instead of the buffer"); }
    }

    /** Takes arrays only. */
    static final class TakesArrays extends Protocol {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override public void dataReceived(byte[] data) { bytes.writeBytes(data); }
    }

    private static Protocol wrap(Supplier<Protocol> inner) {
        Factory f = new Factory() {
            @Override public Protocol buildProtocol(Address addr) { return inner.get(); }
        };
        Protocol p = new TrackingFactory(f, new HashMap<>()).buildProtocol(new StringTransport().getPeer());
        p.makeConnection(new StringTransport());
        return p;
    }

    /** Hands {@code TEXT} to the wrapper's buffer path in pieces of {@code chunk} bytes, each a buffer of its own. */
    private static void feed(Protocol wrapper, int chunk) {
        BufferReceiver r = assertInstanceOf(BufferReceiver.class, wrapper);
        for (int i = 0; i < TEXT.length; i += chunk) {
            ByteBuffer b = ByteBuffer.allocateDirect(chunk);
            b.put(TEXT, i, Math.min(chunk, TEXT.length - i)).flip();
            r.bufferReceived(b);
        }
    }

    @Test
    void aProtocolThatTakesTheReadBufferIsHandedTheSameBufferThroughTheWrapper() {
        for (int chunk : new int[] {TEXT.length, 1, 5}) {
            TakesBuffers inner = new TakesBuffers();
            Protocol wrapper = wrap(() -> inner);
            ByteBuffer b = ByteBuffer.allocateDirect(64).put(TEXT).flip();
            ((BufferReceiver) wrapper).bufferReceived(b);
            assertSame(b, inner.buffers.get(0), "the wrapper must not copy the read buffer");
            feed(wrapper, chunk);
            byte[] twice = new byte[TEXT.length * 2];
            System.arraycopy(TEXT, 0, twice, 0, TEXT.length);
            System.arraycopy(TEXT, 0, twice, TEXT.length, TEXT.length);
            assertArrayEquals(twice, inner.bytes.toByteArray(), "chunks of " + chunk);
        }
    }

    @Test
    void aProtocolThatTakesArraysIsNotOfferedTheBufferAndGetsEachArrayAsItCame() {
        for (int chunk : new int[] {TEXT.length, 1, 3, 7}) {
            TakesArrays inner = new TakesArrays();
            Protocol wrapper = wrap(() -> inner);
            assertFalse(wrapper instanceof BufferReceiver, "the connection would copy into an array for it anyway");
            for (int i = 0; i < TEXT.length; i += chunk) {
                wrapper.dataReceived(Arrays.copyOfRange(TEXT, i, Math.min(TEXT.length, i + chunk)));
            }
            assertArrayEquals(TEXT, inner.bytes.toByteArray(), "chunks of " + chunk);
        }
    }

    @Test
    void theBuiltInEchoBehindTheWrapperKeepsItsBufferPathAndStillEchoes() {
        Factory echo = Builtins.echoFactory();
        Map<Long, Transport> connections = new HashMap<>();
        Protocol wrapper = new TrackingFactory(echo, connections).buildProtocol(new StringTransport().getPeer());
        assertInstanceOf(HalfCloseableProtocol.class, wrapper);
        StringTransport t = new StringTransport();
        wrapper.makeConnection(t);
        for (int chunk : new int[] {TEXT.length, 1, 4}) {
            t.clear();
            feed(wrapper, chunk);
            assertArrayEquals(TEXT, t.value(), "chunks of " + chunk);
        }
    }
}
