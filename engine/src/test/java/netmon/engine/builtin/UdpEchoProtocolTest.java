package netmon.engine.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The udp-echo built-in (DESIGN.md headless contract; TWISTED-SEMANTICS item 113). */
@Timeout(10)
class UdpEchoProtocolTest {

    @Test
    void eachDatagramGoesBackToItsSourceUnchangedFromEmptyTo65507Bytes() {
        DatagramProtocol p = Builtins.udpEchoProtocol();
        FakeDatagramTransport t = new FakeDatagramTransport(UdpEchoProtocol.MAX_DATAGRAM);
        p.makeConnection(t);
        p.startProtocol();
        Address a = new Address("UDP", "127.0.0.1", 40001);
        Address b = new Address("UDP", "10.1.2.3", 40002);
        Random r = new Random(5);
        int[] sizes = {0, 1, 512, 8193, 65507};
        for (int i = 0; i < sizes.length; i++) {
            byte[] d = new byte[sizes[i]];
            r.nextBytes(d);
            Address from = i % 2 == 0 ? a : b;
            p.datagramReceived(d, from);
            assertEquals(i + 1, t.sent.size());
            assertArrayEquals(d, t.sent.get(i).data());
            assertEquals(from, t.sent.get(i).to());
        }
    }

    @Test
    void logPrefixIsUdpEchoAndEveryCallGivesAFreshProtocol() {
        assertEquals("udp-echo", Builtins.udpEchoProtocol().logPrefix());
        assertEquals(true, Builtins.udpEchoProtocol() != Builtins.udpEchoProtocol());
        assertEquals(65507, UdpEchoProtocol.MAX_DATAGRAM);
    }

    @Test
    void aDatagramFromTheBufferPathGoesBackUnchangedThroughTheDefaultBufferWrite() {
        UdpEchoProtocol p = new UdpEchoProtocol();
        FakeDatagramTransport t = new FakeDatagramTransport(UdpEchoProtocol.MAX_DATAGRAM);
        p.makeConnection(t);
        Address from = new Address("UDP", "127.0.0.1", 40001);
        for (int size : new int[] {0, 1, 1024, 65507}) {
            byte[] d = new byte[size];
            new Random(size).nextBytes(d);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(Math.max(size, 1));
            b.put(d).flip();
            p.datagramBufferReceived(b, from);
            assertEquals(0, b.remaining(), "the buffer is consumed");
            FakeDatagramTransport.Sent last = t.sent.get(t.sent.size() - 1);
            assertArrayEquals(d, last.data());
            assertEquals(from, last.to());
        }
    }
}
