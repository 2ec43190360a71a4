/** Throughput: byte counters fed by the monitor, per-second samples over three minutes, and the live chart. */
package netmon.ui.chart;
