package netmon.engine.basic;

import netmon.engine.protocol.Producer;
import netmon.engine.protocol.Protocol;

/**
 * What the framing receivers share as producers: pausing stops delivery of what is already buffered
 * (mid-buffer) and pauses the transport; resuming restarts the transport and delivers the backlog.
 * Reactor thread only.
 */
abstract class PausableReceiver extends Protocol implements Producer {
    private static final byte[] NOTHING = new byte[0];

    /** True while paused or stopped: the subclass's delivery loop checks it between messages. */
    boolean paused;

    /** True while paused by {@link #pauseProducing()} or stopped. */
    public boolean isPaused() { return paused; }

    /** Stops delivery (mid-buffer if need be) and pauses the transport. */
    @Override
    public void pauseProducing() {
        paused = true;
        transport.pauseProducing();
    }

    /** Resumes the transport and delivers what was buffered meanwhile. */
    @Override
    public void resumeProducing() {
        paused = false;
        transport.resumeProducing();
        dataReceived(NOTHING);
    }

    /** Stops delivery for good and stops the transport. */
    @Override
    public void stopProducing() {
        paused = true;
        transport.stopProducing();
    }
}
