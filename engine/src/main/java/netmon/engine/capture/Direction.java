package netmon.engine.capture;

/** Which way a captured chunk went, seen from this process. */
public enum Direction {
    /** From the peer to us: what {@code dataReceived} / {@code datagramReceived} got. */
    IN,
    /** From us to the peer: what was handed to the kernel. */
    OUT
}
