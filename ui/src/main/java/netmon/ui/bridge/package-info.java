/** The bridge from the engine monitor (reactor thread) to the UI (FX thread): coalescing, bounded, drained in batches. */
package netmon.ui.bridge;
