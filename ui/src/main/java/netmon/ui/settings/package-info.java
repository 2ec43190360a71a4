/** Settings remembered between runs, stored atomically in a properties file. */
package netmon.ui.settings;
