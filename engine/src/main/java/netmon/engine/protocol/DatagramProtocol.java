package netmon.engine.protocol;

/**
 * The code that handles datagrams on one UDP port: Twisted's {@code DatagramProtocol}. Reactor thread;
 * an exception in {@link #datagramReceived} is logged and the port keeps working.
 */
public abstract class DatagramProtocol {
    protected DatagramTransport transport;

    /** Attaches the transport; called by the reactor before {@link #startProtocol()}. */
    public void makeConnection(DatagramTransport transport) { this.transport = transport; }

    /** The port is bound and ready. Called once. */
    public void startProtocol() {}

    /** The port is closed. Called once. */
    public void stopProtocol() {}

    /** One datagram, possibly empty, from {@code from}. */
    public abstract void datagramReceived(byte[] data, Address from);

    /** A connected UDP transport got ICMP port unreachable. */
    public void connectionRefused() {}

    public DatagramTransport getTransport() { return transport; }

    /** A short name for logs and the monitor. */
    public String logPrefix() { return getClass().getSimpleName(); }
}
