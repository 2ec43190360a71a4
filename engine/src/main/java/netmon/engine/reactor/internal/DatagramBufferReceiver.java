package netmon.engine.reactor.internal;

import java.nio.ByteBuffer;
import netmon.engine.protocol.Address;

/**
 * A datagram protocol that can take each datagram straight from the port's receive buffer instead of a
 * fresh {@code byte[]}: the port calls {@link #datagramBufferReceived} in place of
 * {@code datagramReceived(byte[], Address)}, so a datagram costs no allocation and no copy in user
 * space; writing it back with {@code writeBuffer(ByteBuffer, Address)} sends from the same (direct) buffer.
 *
 * <p>Aliasing rule: {@code data} is the port's own buffer, valid only during the call: read it or send
 * it, never keep it. Reactor thread.
 */
public interface DatagramBufferReceiver {
    /** One datagram, from {@code data}'s position to its limit, from {@code from}; see the aliasing rule. */
    void datagramBufferReceived(ByteBuffer data, Address from);
}
