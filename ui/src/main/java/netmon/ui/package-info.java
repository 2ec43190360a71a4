/** The JavaFX user interface of netmon. */
package netmon.ui;
