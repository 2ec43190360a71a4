package netmon.engine.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionAborted;
import netmon.engine.error.ConnectionDone;
import netmon.engine.error.ConnectionLost;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Producer;
import netmon.engine.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IOPumpTest {

    static byte[] b(String s) { return s.getBytes(UTF_8); }

    /** Records what it receives and how it ends; writes {@code greeting} when connected. */
    static class Peer extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<Integer> chunkSizes = new ArrayList<>();
        final List<Failure> lost = new ArrayList<>();
        byte[] greeting = new byte[0];

        Peer() {}

        Peer(String greeting) { this.greeting = b(greeting); }

        @Override public void connectionMade() { if (greeting.length > 0) transport.write(greeting); }

        @Override public void dataReceived(byte[] data) {
            received.writeBytes(data);
            chunkSizes.add(data.length);
        }

        @Override public void connectionLost(Failure reason) { lost.add(reason); }

        String text() { return received.toString(UTF_8); }
    }

    static final class HalfClosingPeer extends Peer implements HalfCloseableProtocol {
        boolean readLost;
        boolean writeLost;

        @Override public void readConnectionLost() { readLost = true; }

        @Override public void writeConnectionLost() { writeLost = true; }
    }

    @Test
    void bytesMoveBothWaysUntilQuiet() {
        Peer server = new Peer("hello client");
        Peer client = new Peer("hello server");
        IOPump pump = IOPump.connect(server, client);
        assertTrue(pump.pump());
        assertEquals("hello server", server.text());
        assertEquals("hello client", client.text());
        assertFalse(pump.pump());
        client.getTransport().write(b(" again"));
        pump.pump();
        assertEquals("hello server again", server.text());
    }

    @Test
    void eachSideSeesTheOthersAddressAsItsPeer() {
        Address s = new Address("TCP", "127.0.0.1", 4000);
        Address c = new Address("TCP", "127.0.0.1", 51234);
        Peer server = new Peer();
        Peer client = new Peer();
        IOPump pump = IOPump.connect(server, client, s, c);
        assertEquals(c, server.getTransport().getPeer());
        assertEquals(s, server.getTransport().getHost());
        assertEquals(s, client.getTransport().getPeer());
        assertEquals(pump.serverTransport(), server.getTransport());
        assertEquals(pump.clientTransport(), client.getTransport());
        assertEquals(IOPump.DEFAULT_CLIENT_ADDRESS, IOPump.connect(new Peer(), new Peer()).serverTransport().getPeer());
    }

    @Test
    void byteAtATimeDeliversEveryByteSeparately() {
        Peer server = new Peer();
        Peer client = new Peer("abcdef");
        IOPump.connect(server, client).setByteAtATime(true).pump();
        assertEquals("abcdef", server.text());
        assertEquals(List.of(1, 1, 1, 1, 1, 1), server.chunkSizes);
    }

    @Test
    void loseConnectionFlushesThenBothSidesGetConnectionDone() {
        Peer server = new Peer() {
            @Override public void connectionMade() {
                transport.write(b("bye"));
                transport.loseConnection();
            }
        };
        Peer client = new Peer();
        IOPump pump = IOPump.connect(server, client);
        pump.pump();
        assertEquals("bye", client.text());
        assertTrue(pump.isClosed());
        assertNotNull(server.lost.get(0).check(ConnectionDone.class));
        assertNotNull(client.lost.get(0).check(ConnectionDone.class));
        assertEquals(1, server.lost.size());
        assertEquals(1, client.lost.size());
        assertFalse(server.isConnected());
        assertTrue(client.getTransport().isDisconnecting());
    }

    @Test
    void abortDropsUnsentBytesAndEndsWithAbortedAndLost() {
        Peer server = new Peer();
        Peer client = new Peer() {
            @Override public void connectionMade() {
                transport.write(b("never seen"));
                transport.abortConnection();
            }
        };
        IOPump pump = IOPump.connect(server, client);
        pump.pump();
        assertEquals("", server.text());
        assertNotNull(client.lost.get(0).check(ConnectionAborted.class));
        assertNotNull(server.lost.get(0).check(ConnectionLost.class));
        assertTrue(server.lost.get(0).check(ConnectionAborted.class) == null);
    }

    @Test
    void halfCloseReachesAHalfCloseablePeerAndKeepsItWritable() {
        HalfClosingPeer server = new HalfClosingPeer();
        HalfClosingPeer client = new HalfClosingPeer();
        client.greeting = b("request");
        IOPump pump = IOPump.connect(server, client);
        client.getTransport().loseWriteConnection();
        pump.pump();
        assertEquals("request", server.text());
        assertTrue(server.readLost);
        assertTrue(client.writeLost);
        assertFalse(pump.isClosed());
        server.getTransport().write(b("response"));
        server.getTransport().loseConnection();
        pump.pump();
        assertEquals("response", client.text());
        assertTrue(pump.isClosed());
    }

    @Test
    void halfCloseEndsTheConnectionForAPeerThatIsNotHalfCloseable() {
        Peer server = new Peer();
        Peer client = new Peer("data");
        IOPump pump = IOPump.connect(server, client);
        client.getTransport().loseWriteConnection();
        pump.pump();
        assertEquals("data", server.text());
        assertTrue(pump.isClosed());
        assertNotNull(server.lost.get(0).check(ConnectionDone.class));
    }

    @Test
    void aPausedSideReadsNothingUntilResumed() {
        Peer server = new Peer();
        Peer client = new Peer("queued");
        IOPump pump = IOPump.connect(server, client);
        pump.serverTransport().pauseProducing();
        assertFalse(pump.pump());
        assertEquals("", server.text());
        pump.serverTransport().resumeProducing();
        pump.pump();
        assertEquals("queued", server.text());
    }

    @Test
    void pullProducerIsAskedForMoreUntilItUnregisters() {
        Peer server = new Peer();
        Peer client = new Peer() {
            int left = 3;

            @Override public void connectionMade() {
                transport.registerProducer(new Producer() {
                    @Override public void resumeProducing() {
                        if (left-- > 0) {
                            transport.write(b("chunk;"));
                        } else {
                            transport.unregisterProducer();
                            transport.loseConnection();
                        }
                    }

                    @Override public void stopProducing() {}
                }, false);
            }
        };
        IOPump pump = IOPump.connect(server, client);
        pump.pump();
        assertEquals("chunk;chunk;chunk;", server.text());
        assertTrue(pump.isClosed());
    }

    @Test
    void loseConnectionWaitsForARegisteredProducer() {
        Peer server = new Peer();
        Peer client = new Peer();
        IOPump pump = IOPump.connect(server, client);
        Producer streaming = new Producer() {
            @Override public void resumeProducing() {}
            @Override public void stopProducing() {}
        };
        client.getTransport().registerProducer(streaming, true);
        client.getTransport().write(b("x"));
        client.getTransport().loseConnection();
        pump.pump();
        assertFalse(pump.isClosed());
        assertEquals("x", server.text());
        client.getTransport().unregisterProducer();
        pump.pump();
        assertTrue(pump.isClosed());
    }
}
