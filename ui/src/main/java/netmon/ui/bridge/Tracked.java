package netmon.ui.bridge;

/**
 * The bridge's record of one open connection, kept from open to close: its listener, its entries in the
 * current batch (so an event costs one map lookup), and the FX side's tag. {@code generation}, {@code pending}
 * and {@code listenerPending} belong to the reactor side under the bridge's lock; {@code viewTag} to the FX
 * thread alone.
 */
final class Tracked {
    final long listenerId;
    long generation = -1;
    ConnectionDelta pending;
    ListenerDelta listenerPending;
    Object viewTag;

    Tracked(long listenerId) { this.listenerId = listenerId; }
}
