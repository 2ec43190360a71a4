package netmon.engine.testing;

import netmon.engine.protocol.ClientFactory;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;

/**
 * A {@link MemoryReactor} whose {@code listenTCP}/{@code listenUDP} throw {@code listenException} and
 * whose {@code connectTCP} throws {@code connectException}: Twisted's {@code RaisingMemoryReactor}. A
 * null exception means that call behaves as in {@link MemoryReactor}. A call that throws is not recorded.
 */
public class RaisingMemoryReactor extends MemoryReactor {
    private final RuntimeException listenException;
    private final RuntimeException connectException;

    public RaisingMemoryReactor(RuntimeException listenException, RuntimeException connectException) {
        this.listenException = listenException;
        this.connectException = connectException;
    }

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String iface) {
        if (listenException != null) throw listenException;
        return super.listenTCP(port, factory, backlog, iface);
    }

    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        if (listenException != null) throw listenException;
        return super.listenUDP(port, protocol, iface, maxPacketSize);
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, double timeoutSeconds) {
        if (connectException != null) throw connectException;
        return super.connectTCP(host, port, factory, timeoutSeconds);
    }
}
