/** View-models of the main window; they import only javafx.beans and javafx.collections, so tests need no toolkit. */
package netmon.ui.model;
