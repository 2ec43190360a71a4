package netmon.engine.testing;

import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionDone;
import netmon.engine.protocol.Address;

/**
 * A {@link StringTransport} whose {@link #loseConnection()} also ends the connection: the protocol
 * given to {@link #connect} gets {@code connectionLost(ConnectionDone)} at once, only the first time.
 * Twisted's {@code StringTransportWithDisconnection}.
 */
public class StringTransportWithDisconnection extends StringTransport {
    private boolean connected = true;

    public StringTransportWithDisconnection() { super(); }

    public StringTransportWithDisconnection(Address host, Address peer) { super(host, peer); }

    @Override
    public void loseConnection() {
        super.loseConnection();
        if (connected) {
            connected = false;
            if (protocol != null) {
                protocol.markDisconnected();
                protocol.connectionLost(Failure.of(new ConnectionDone("Bye.")));
            }
        }
    }

    /** False once {@link #loseConnection()} ended the connection. */
    public boolean isConnected() { return connected; }
}
