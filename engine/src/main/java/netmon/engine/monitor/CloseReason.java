package netmon.engine.monitor;

/** Why a connection ended, mirroring the Failure handed to connectionLost. */
public enum CloseReason {
    /** Clean close: EOF from the peer or our own loseConnection ({@code ConnectionDone}). */
    DONE,
    /** Reset or I/O error ({@code ConnectionLost}). */
    LOST,
    /** Our own abortConnection ({@code ConnectionAborted}). */
    ABORTED,
    /** An exception in a protocol callback dropped it. */
    ERROR
}
