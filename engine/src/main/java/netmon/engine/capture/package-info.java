/**
 * Traffic capture: {@link netmon.engine.capture.CaptureRecorder} keeps the bytes of every connection and
 * UDP flow in bounded per-connection buffers, fed by the monitor; {@link netmon.engine.capture.PcapngWriter}
 * writes a {@link netmon.engine.capture.CaptureSnapshot} as a pcapng file Wireshark opens as real
 * conversations.
 */
package netmon.engine.capture;
