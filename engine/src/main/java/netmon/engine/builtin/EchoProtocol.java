package netmon.engine.builtin;

import java.nio.ByteBuffer;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Protocol;
import netmon.engine.reactor.internal.BufferReceiver;

/**
 * The {@code echo} service: every byte received is written back unchanged. It accepts half-closes:
 * when the peer sends FIN it calls {@code loseConnection}, which flushes the echoed bytes before
 * closing, so a client that sends and then shuts down its writing side still gets everything back
 * (a plain Twisted {@code Echo} loses them). On the reactor's own transport the bytes come as the
 * read buffer ({@link BufferReceiver}) and go back from it: no copy in user space when the socket
 * takes them at once. Reactor thread only.
 */
public class EchoProtocol extends Protocol implements HalfCloseableProtocol, BufferReceiver {
    @Override
    public void dataReceived(byte[] data) {
        // The array is ours (the transport allocated it for this call) and is not kept: hand it over.
        transport.writeOwned(data);
    }

    @Override
    public void bufferReceived(ByteBuffer data) {
        transport.write(data);
    }

    @Override
    public void readConnectionLost() {
        transport.loseConnection();
    }
}
