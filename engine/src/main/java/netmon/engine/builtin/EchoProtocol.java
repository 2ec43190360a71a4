package netmon.engine.builtin;

import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Protocol;

/**
 * The {@code echo} service: every byte received is written back unchanged. It accepts half-closes:
 * when the peer sends FIN it calls {@code loseConnection}, which flushes the echoed bytes before
 * closing, so a client that sends and then shuts down its writing side still gets everything back
 * (a plain Twisted {@code Echo} loses them). Reactor thread only.
 */
public class EchoProtocol extends Protocol implements HalfCloseableProtocol {
    @Override
    public void dataReceived(byte[] data) {
        transport.write(data);
    }

    @Override
    public void readConnectionLost() {
        transport.loseConnection();
    }
}
