package netmon.engine.protocol;

/**
 * Something that produces data for a {@link Consumer}. A pull producer is asked for more with
 * {@link #resumeProducing()}; a push ({@linkplain Consumer#registerProducer streaming}) producer
 * writes on its own and is paused and resumed by the consumer's buffer. Called on the reactor thread.
 */
public interface Producer {
    /** Produce more (pull), or carry on after a pause (push). */
    void resumeProducing();

    /** Stop for good: the consumer is gone. */
    void stopProducing();

    /** Stop producing until {@link #resumeProducing()}: the consumer's buffer is full. Push producers only. */
    default void pauseProducing() {}
}
