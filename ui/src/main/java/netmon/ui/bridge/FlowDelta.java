package netmon.ui.bridge;

import netmon.engine.protocol.Address;

/**
 * Datagrams between one UDP listener and one peer since the previous drain: a UDP "flow", as the
 * connections table shows it.
 */
public final class FlowDelta {
    private final long listenerId;
    private final String service;
    private final Address host;
    private final Address peer;
    long datagramsIn;
    long datagramsOut;
    long bytesIn;
    long bytesOut;

    FlowDelta(long listenerId, String service, Address host, Address peer) {
        this.listenerId = listenerId;
        this.service = service;
        this.host = host;
        this.peer = peer;
    }

    public long listenerId() { return listenerId; }
    /** The listener's service name, or {@code udp} if the bridge never saw it start. */
    public String service() { return service; }
    /** The listener's bound address, or null if unknown. */
    public Address host() { return host; }
    public Address peer() { return peer; }
    public long datagramsIn() { return datagramsIn; }
    public long datagramsOut() { return datagramsOut; }
    public long bytesIn() { return bytesIn; }
    public long bytesOut() { return bytesOut; }
}
