package netmon.ui.client;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import netmon.ui.traffic.StreamKey;

/**
 * One client-tool session as the UI sees it: where it connects, its state and status text, and the
 * captured stream its traffic is in. Its properties change on the FX thread only; the reactor side of
 * the session lives in {@link ClientTool}.
 */
public final class ClientSession {
    /** Where a session stands. */
    public enum State { CONNECTING, CONNECTED, RETRYING, CLOSED, FAILED }

    private final int number;
    private final boolean udp;
    private final String host;
    private final int port;
    private final boolean reconnecting;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.CONNECTING);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "connecting…");
    private final ObjectProperty<StreamKey> stream = new SimpleObjectProperty<>(this, "stream");
    // Set on the FX thread once known; the reactor-side handle used for sending.
    volatile Object handle;
    volatile long udpListenerId;

    ClientSession(int number, boolean udp, String host, int port, boolean reconnecting) {
        this.number = number;
        this.udp = udp;
        this.host = host;
        this.port = port;
        this.reconnecting = reconnecting;
    }

    /** The session's number in the tool, from 1. */
    public int number() { return number; }

    /** True for UDP. */
    public boolean isUdp() { return udp; }

    /** The target host. */
    public String host() { return host; }

    /** The target port. */
    public int port() { return port; }

    /** True if it reconnects with backoff when the connection fails or is lost. */
    public boolean isReconnecting() { return reconnecting; }

    /** Its state. */
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }

    /** A line about its state (the reason of a failure, the next retry). */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** The captured stream holding its traffic (null until connected). */
    public ObjectProperty<StreamKey> streamProperty() { return stream; }

    void set(State s, String text) {
        state.set(s);
        status.set(text);
    }

    /** {@code tcp 127.0.0.1:7000}. */
    public String target() { return (udp ? "udp " : "tcp ") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port; }

    @Override
    public String toString() { return "#" + number + "  " + target() + "  " + status.get(); }
}
