/** The JavaFX views: CSS, controller (which builds the window in code), window and Application. FX thread only. */
package netmon.ui.view;
