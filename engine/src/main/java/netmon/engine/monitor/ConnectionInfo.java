package netmon.engine.monitor;

import netmon.engine.protocol.Address;

/**
 * What the monitor says about a new connection.
 *
 * @param id            unique within the process, never reused
 * @param listenerId    the listener that accepted it, or 0 for an outgoing connection
 * @param service       the factory's {@code logPrefix()}, e.g. {@code echo}
 * @param protocol      {@code tcp}
 * @param peer          {@code getPeer()}
 * @param host          {@code getHost()}
 * @param openedAtMillis wall-clock time it was established
 * @param outgoing      true for connections we made (connectTCP)
 */
public record ConnectionInfo(long id, long listenerId, String service, String protocol, Address peer, Address host,
                             long openedAtMillis, boolean outgoing) {}
