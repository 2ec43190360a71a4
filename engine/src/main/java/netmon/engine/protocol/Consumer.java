package netmon.engine.protocol;

/**
 * Receives data from a {@link Producer} and controls its flow (Twisted's {@code IConsumer}).
 * Reactor thread only.
 */
public interface Consumer {
    /**
     * Registers a producer. A streaming (push) producer is paused when the buffer passes the
     * high-water mark and resumed below the low-water mark; a pull producer is asked for more
     * ({@code resumeProducing}) at once and whenever the buffer drains.
     *
     * @throws IllegalStateException if a producer is already registered
     */
    void registerProducer(Producer producer, boolean streaming);

    /** Removes the producer; a pending {@code loseConnection} may now complete. */
    void unregisterProducer();

    /** Queues bytes to send; never blocks. Empty writes are ignored; null is rejected. */
    void write(byte[] data);
}
