package netmon.engine.reactor.internal;

import java.nio.ByteBuffer;

/**
 * A stream protocol that can take what was read straight from the reactor's read buffer instead of a
 * fresh {@code byte[]}: the connection then calls {@link #bufferReceived} in place of
 * {@code dataReceived(byte[])}, which saves the copy into the array (and its allocation) per read.
 * Writing the same buffer back with {@code transport.write(ByteBuffer)} while the connection has nothing
 * queued goes to the kernel with no user-space copy at all (the built-in echo).
 *
 * <p>Aliasing rule: {@code data} is the reactor's own buffer, valid only during the call; the receiver
 * may read it or pass it to {@code write(ByteBuffer)} (which copies what it cannot send now), but never
 * keep it. Reactor thread.
 */
public interface BufferReceiver {
    /** The bytes read, from {@code data}'s position to its limit; see the aliasing rule above. */
    void bufferReceived(ByteBuffer data);
}
