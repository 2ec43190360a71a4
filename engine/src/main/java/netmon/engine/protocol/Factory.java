package netmon.engine.protocol;

import java.util.function.Supplier;

/**
 * Builds one {@link Protocol} per accepted connection: Twisted's {@code Factory}. Reactor thread.
 * {@link #startFactory()} runs when the first port starts using it, {@link #stopFactory()} when the
 * last one stops.
 */
public class Factory {
    private final Supplier<? extends Protocol> protocolSupplier;
    private int numPorts;

    /** A factory whose {@link #buildProtocol} must be overridden. */
    protected Factory() { this.protocolSupplier = null; }

    private Factory(Supplier<? extends Protocol> supplier) { this.protocolSupplier = supplier; }

    /** Twisted's {@code Factory.forProtocol}: a factory that builds protocols from {@code supplier}. */
    public static Factory forProtocol(Supplier<? extends Protocol> supplier) { return new Factory(supplier); }

    /**
     * Builds the protocol for a new connection from {@code addr}, and sets its factory. Returning null
     * refuses the connection: the accepted socket is closed at once.
     */
    public Protocol buildProtocol(Address addr) {
        if (protocolSupplier == null) {
            throw new UnsupportedOperationException(getClass().getName() + " must override buildProtocol");
        }
        Protocol p = protocolSupplier.get();
        p.setFactory(this);
        return p;
    }

    /** Called once before the first port uses this factory. */
    public void startFactory() {}

    /** Called once after the last port stops using this factory. */
    public void stopFactory() {}

    /** Counts ports: calls {@link #startFactory()} on the first. Called by listening ports. */
    public final void doStart() {
        if (numPorts++ == 0) startFactory();
    }

    /** Counts ports: calls {@link #stopFactory()} on the last. An unbalanced call is logged, not thrown. */
    public final void doStop() {
        if (numPorts == 0) {
            org.slf4j.LoggerFactory.getLogger(Factory.class).error("doStop called on unstarted factory {}", this);
            return;
        }
        if (--numPorts == 0) stopFactory();
    }

    public final int getNumPorts() { return numPorts; }

    /** A short name for logs and the monitor (the service name): the class name unless overridden. */
    public String logPrefix() { return getClass().getSimpleName(); }
}
