package netmon.ui.model;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import netmon.ui.engine.ListenerHandle;
import netmon.ui.settings.ListenerSpec;

/**
 * One listener in the services pane: its kind, the endpoint the user typed (validated as typed), the
 * start/stop switch, and what it is doing. The switch is the user's wish; {@link #phaseProperty()} is
 * what the engine has done about it. FX thread only.
 */
public final class ServiceRow {
    /** Where a listener stands. */
    public enum Phase { STOPPED, STARTING, LISTENING, STOPPING, FAILED }

    private final String kind;
    final StringProperty endpoint = new SimpleStringProperty(this, "endpoint", "");
    final StringProperty validation = new SimpleStringProperty(this, "validation");
    final StringProperty exposure = new SimpleStringProperty(this, "exposure");
    final BooleanProperty switchOn = new SimpleBooleanProperty(this, "switchOn");
    final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(this, "phase", Phase.STOPPED);
    final StringProperty stateText = new SimpleStringProperty(this, "stateText", "stopped");
    final IntegerProperty openConnections = new SimpleIntegerProperty(this, "openConnections");
    final DoubleProperty rateIn = new SimpleDoubleProperty(this, "rateIn");
    final DoubleProperty rateOut = new SimpleDoubleProperty(this, "rateOut");
    final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    final IntegerProperty maxConnections = new SimpleIntegerProperty(this, "maxConnections", ListenerSpec.DEFAULT_MAX_CONNECTIONS);
    final BooleanProperty captured = new SimpleBooleanProperty(this, "captured", true);
    final LongProperty refused = new SimpleLongProperty(this, "refused");
    /** Started from the command line and not changed by the user since: not remembered in the settings. */
    boolean fromCommandLine;
    ListenerHandle handle;
    String failure;
    long sampleIn;
    long sampleOut;
    long sampleAtMillis;

    ServiceRow(String kind, String endpoint) {
        this.kind = kind;
        this.endpoint.set(endpoint);
    }

    /** {@code echo}, {@code chat} or {@code udp-echo}. */
    public String kind() { return kind; }

    /** The endpoint text, e.g. {@code tcp:7000}; editable while stopped. */
    public StringProperty endpointProperty() { return endpoint; }

    /** Why the endpoint cannot be used, or null when it can. */
    public ReadOnlyStringProperty validationProperty() { return validation; }
    /** A warning when the endpoint is reachable from other machines (not loopback); null otherwise. */
    public ReadOnlyStringProperty exposureProperty() { return exposure; }

    /** The start/stop switch: the user's wish. The view-model starts or stops the listener to match. */
    public BooleanProperty switchOnProperty() { return switchOn; }

    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase; }

    /** {@code stopped}, {@code listening on 127.0.0.1:7000}, {@code failed: address already in use}. */
    public ReadOnlyStringProperty stateTextProperty() { return stateText; }

    /** Open TCP connections (or live UDP flows are not counted: UDP has none). */
    public ReadOnlyIntegerProperty openConnectionsProperty() { return openConnections; }

    /** Bytes per second received over all its connections. */
    public ReadOnlyDoubleProperty rateInProperty() { return rateIn; }

    /** Bytes per second sent over all its connections. */
    public ReadOnlyDoubleProperty rateOutProperty() { return rateOut; }

    /**
     * The cap on TCP connections open at once (1..{@value ListenerSpec#MAX_MAX_CONNECTIONS}); applied to the
     * running listener at once, connections already open stay. Set it through
     * {@link ServicesViewModel#setMaxConnections}, which validates.
     */
    public ReadOnlyIntegerProperty maxConnectionsProperty() { return maxConnections; }

    /** Whether the inspectors capture this listener's traffic. */
    public BooleanProperty capturedProperty() { return captured; }

    /** Connections the running listener refused because of its cap (since it started). */
    public ReadOnlyLongProperty refusedProperty() { return refused; }

    /** True if the row came from the command line and the user has not changed it: it is not saved. */
    public boolean isFromCommandLine() { return fromCommandLine; }

    /** True while the endpoint may be edited (stopped or failed). */
    public javafx.beans.property.ReadOnlyBooleanProperty editableProperty() { return editable; }

    /** The running listener, or null. */
    public ListenerHandle handle() { return handle; }

    public String getEndpoint() { return endpoint.get(); }
    public String getValidation() { return validation.get(); }
    public Phase getPhase() { return phase.get(); }
    public String getStateText() { return stateText.get(); }
    public boolean isSwitchOn() { return switchOn.get(); }
    public int getMaxConnections() { return maxConnections.get(); }
    public boolean isCaptured() { return captured.get(); }
    public long getRefused() { return refused.get(); }

    /** This row as the settings remember it. */
    public ListenerSpec spec() { return new ListenerSpec(kind, endpoint.get(), maxConnections.get(), captured.get()); }

    @Override
    public String toString() { return "ServiceRow[" + kind + " " + endpoint.get() + " " + stateText.get() + "]"; }
}
