/** The JavaFX views: FXML, CSS, controller, window and Application. FX thread only. */
package netmon.ui.view;
