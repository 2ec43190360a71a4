package netmon.engine.protocol;

import netmon.engine.defer.Failure;

/**
 * The code that speaks a stream protocol over one connection: Twisted's {@code Protocol}. Subclass it
 * and override the events, named for what already happened. Every method is called on the reactor
 * thread, must not block, and may throw: the exception is logged and only this connection is dropped.
 */
public abstract class Protocol {
    /** The transport, set by {@link #makeConnection} before {@link #connectionMade()}. */
    protected Transport transport;
    /** The factory that built this protocol, if any. */
    protected Factory factory;
    /** True between {@code makeConnection} and {@code connectionLost}. */
    protected boolean connected;

    /** Attaches the transport and calls {@link #connectionMade()} once. Called by the reactor. */
    public void makeConnection(Transport transport) {
        this.transport = transport;
        this.connected = true;
        connectionMade();
    }

    /** The connection is up; {@link #transport} is set. */
    public void connectionMade() {}

    /**
     * Bytes arrived. One call may hold part of a message, exactly one, or several: chunk boundaries are
     * whatever the network and the kernel made them. Never empty except when a framing layer resumes.
     */
    public void dataReceived(byte[] data) {}

    /**
     * The connection is gone, for the reason in {@code reason}: {@code ConnectionDone} (clean),
     * {@code ConnectionLost} (error, reset, exception in a callback) or {@code ConnectionAborted}
     * (our own {@code abortConnection}). Called exactly once.
     */
    public void connectionLost(Failure reason) {}

    public Transport getTransport() { return transport; }
    public Factory getFactory() { return factory; }
    public void setFactory(Factory factory) { this.factory = factory; }
    public boolean isConnected() { return connected; }

    /** Marks the protocol as disconnected; called by transports just before {@link #connectionLost}. */
    public final void markDisconnected() { connected = false; }
}
