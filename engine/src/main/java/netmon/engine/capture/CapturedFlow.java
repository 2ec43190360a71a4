package netmon.engine.capture;

import java.util.List;
import netmon.engine.protocol.Address;

/**
 * The datagrams between one UDP listener and one peer, as a {@link CaptureSnapshot} holds them; each
 * {@link Chunk} is one datagram.
 *
 * @param listenerId   the UDP listener
 * @param service      its log prefix, e.g. {@code udp-echo}
 * @param host         the listener's bound address
 * @param peer         the remote address
 * @param firstMicros  the first datagram's time (wall clock, µs)
 * @param lastMicros   the latest datagram's time
 * @param closed       true once the listener stopped
 * @param datagramsIn  datagrams received, kept or not
 * @param datagramsOut datagrams sent, kept or not
 * @param bytesIn      bytes received, kept or not
 * @param bytesOut     bytes sent, kept or not
 * @param notKept      bytes seen but not kept
 * @param datagrams    the kept datagrams, oldest first
 */
public record CapturedFlow(long listenerId, String service, Address host, Address peer, long firstMicros,
                           long lastMicros, boolean closed, long datagramsIn, long datagramsOut, long bytesIn,
                           long bytesOut, long notKept, List<Chunk> datagrams) {}
