package netmon.engine.monitor;

/** The states a connection goes through, as a viewer shows them. */
public enum ConnectionState {
    OPEN,
    /** The peer sent FIN; we may still write. */
    READ_CLOSED,
    /** We sent FIN (loseWriteConnection); the peer may still write. */
    WRITE_CLOSED,
    /** loseConnection was called; flushing before FIN. */
    CLOSING,
    /** abortConnection was called; RST on its way. */
    ABORTING,
    CLOSED
}
