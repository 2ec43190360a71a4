package netmon.engine.monitor;

import netmon.engine.protocol.Address;

/**
 * What the monitor says about a listener.
 *
 * @param id       unique within the process
 * @param service  the factory's or datagram protocol's {@code logPrefix()}
 * @param protocol {@code tcp} or {@code udp}
 * @param host     the bound address (the real port when 0 was asked)
 */
public record ListenerInfo(long id, String service, String protocol, Address host) {}
