/**
 * The traffic inspector: a bounded per-stream capture fed by the monitor ({@link netmon.ui.traffic.RingCapture},
 * behind {@link netmon.ui.traffic.TrafficCapture} so the engine's capture store can replace it), safe rendering of
 * captured bytes ({@link netmon.ui.traffic.Escapes}), its view-model and pane, and {@link netmon.ui.traffic.Inspectors},
 * which puts all inspectors in one tab pane and pumps them.
 */
package netmon.ui.traffic;
