/**
 * The traffic inspector: the engine's bounded per-stream capture store read through
 * {@link netmon.ui.traffic.TrafficCapture} ({@link netmon.ui.traffic.RecorderCapture}), the pcapng export
 * ({@link netmon.ui.traffic.CaptureExport}), safe rendering of
 * captured bytes ({@link netmon.ui.traffic.Escapes}), its view-model and pane, and {@link netmon.ui.traffic.Inspectors},
 * which puts all inspectors in one tab pane and pumps them.
 */
package netmon.ui.traffic;
