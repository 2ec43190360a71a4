/**
 * The Deferreds view: a bounded tracker of live and recent Deferreds built from the monitor's Deferred events,
 * its view-model (filters, unhandled count, debug mode) and the chain drawing.
 */
package netmon.ui.deferreds;
