/** The log pane: a tee on {@code System.err} (where slf4j-simple writes) into a bounded ring, filtered and copyable. */
package netmon.ui.logs;
