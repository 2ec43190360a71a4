package netmon.engine.protocol;

import netmon.engine.defer.Failure;

/** A factory for outgoing connections, told how each attempt went: Twisted's {@code ClientFactory}. Reactor thread. */
public class ClientFactory extends Factory {
    protected ClientFactory() {}

    /** A connection attempt started. */
    public void startedConnecting(Connector connector) {}

    /** The attempt failed (refused, timed out, cancelled); {@code reason} says which. */
    public void clientConnectionFailed(Connector connector, Failure reason) {}

    /** An established connection ended. */
    public void clientConnectionLost(Connector connector, Failure reason) {}
}
