package netmon.ui.engine;

import netmon.engine.protocol.Address;

/**
 * A listener the UI started: the id the monitor knows it by and the address it is bound to.
 *
 * @param listenerId the monitor's listener id
 * @param kind       the built-in service ({@code echo}, {@code chat}, {@code udp-echo})
 * @param protocol   {@code tcp} or {@code udp}
 * @param host       the bound address (the real port when 0 was asked)
 */
public record ListenerHandle(long listenerId, String kind, String protocol, Address host) {
    /** The headless contract's line: {@code listening NAME PROTO ADDR:PORT}. */
    public String listeningLine() {
        return "listening " + kind + " " + protocol + " " + host.hostPort();
    }
}
