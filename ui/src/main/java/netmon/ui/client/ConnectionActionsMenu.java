package netmon.ui.client;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import netmon.engine.defer.Deferred;
import netmon.ui.model.ConnectionRow;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The connections table's context-menu items for {@link ConnectionActions}: "Send to this client…",
 * "Broadcast to all its listener's clients…", "Disconnect". They act on the selected row and are enabled
 * only for an open TCP connection accepted by a chat or echo listener. FX thread.
 */
public final class ConnectionActionsMenu {
    private ConnectionActionsMenu() {}

    /**
     * The items, acting on {@code selected()}; each outcome ("Sent to 1 client", "Broadcast to 3 clients", or the
     * failure) goes to {@code report} as (ok, message). Call {@link #refresh} when the menu is about to show.
     */
    public static List<MenuItem> items(ConnectionActions actions, Supplier<ConnectionRow> selected,
                                       BiConsumer<Boolean, String> report) {
        MenuItem send = new MenuItem("Send to this client…", icon(Feather.SEND));
        send.setId("conn-send");
        send.setOnAction(e -> withRow(selected, r -> ask("Send to " + r.peerText(), r).ifPresent(text ->
                done(actions.send(r.id(), r.service(), text), "Sent to ", report))));
        MenuItem broadcast = new MenuItem("Broadcast to all its listener's clients…", icon(Feather.RADIO));
        broadcast.setId("conn-broadcast");
        broadcast.setOnAction(e -> withRow(selected, r -> ask("Broadcast to every " + r.service() + " client", r)
                .ifPresent(text -> done(actions.broadcast(r.id(), r.service(), text), "Broadcast to ", report))));
        MenuItem disconnect = new MenuItem("Disconnect", icon(Feather.USER_X));
        disconnect.setId("conn-disconnect");
        disconnect.setOnAction(e -> withRow(selected, r -> done(actions.disconnect(r.id()), "Disconnected ", report)));
        return List.of(send, broadcast, disconnect);
    }

    /** Enables the items only for a row they can act on. */
    public static void refresh(List<MenuItem> items, ConnectionRow r) {
        boolean usable = usable(r);
        for (MenuItem i : items) i.setDisable(!usable);
    }

    /** True for an open TCP connection accepted by a chat or echo listener. */
    public static boolean usable(ConnectionRow r) {
        return r != null && !r.isDatagram() && !r.isClosed() && r.listenerId() != 0 && ConnectionActions.supports(r.service());
    }

    private static void withRow(Supplier<ConnectionRow> selected, java.util.function.Consumer<ConnectionRow> action) {
        ConnectionRow r = selected.get();
        if (usable(r)) action.accept(r);
    }

    private static Optional<String> ask(String title, ConnectionRow r) {
        TextInputDialog d = new TextInputDialog();
        d.setTitle(title);
        d.setHeaderText("chat".equals(r.service())
                ? "The text goes as a server notice line: * TEXT"
                : "The text goes as one line (CRLF added)");
        d.setContentText("Text:");
        return d.showAndWait().filter(t -> !t.isEmpty());
    }

    private static void done(Deferred<Integer> d, String what, BiConsumer<Boolean, String> report) {
        d.addCallbacks(n -> {
            assert Platform.isFxApplicationThread();
            report.accept(n > 0, n > 0 ? what + ConnectionActions.clients(n) : "The connection is gone");
            return null;
        }, f -> {
            report.accept(false, f.getErrorMessage());
            return null;
        });
    }

    private static FontIcon icon(Feather f) {
        FontIcon i = new FontIcon(f);
        i.setIconSize(14);
        return i;
    }
}
