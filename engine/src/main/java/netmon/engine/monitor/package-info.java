/** The observation API the UI and the headless mode read: paired, cheap, non-reentrant events. */
package netmon.engine.monitor;
