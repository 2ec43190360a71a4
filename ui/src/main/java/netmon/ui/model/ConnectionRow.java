package netmon.ui.model;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.protocol.Address;

/**
 * One row of the connections table: a TCP connection, or a UDP flow (one peer of a UDP listener).
 * Changed only by {@link ConnectionsViewModel} on the FX thread.
 */
public final class ConnectionRow {
    /** Seconds of throughput history kept per row for its sparkline. */
    public static final int SPARK_SECONDS = 60;

    private final long id;
    private final boolean datagram;
    private final long listenerId;
    private final String service;
    private final String protocol;
    private final Address peer;
    private final Address host;
    private final long openedAtMillis;

    final StringProperty state = new SimpleStringProperty(this, "state", "open");
    // Counters change with nearly every batch for thousands of rows: plain fields, which the visible cells
    // read on the view-model's refresh, not properties.
    long bytesIn;
    long bytesOut;
    long datagramsIn;
    long datagramsOut;
    long buffered;
    // The row as its own cell value, made once: sorting compares cell values n log n times.
    private final ReadOnlyObjectWrapper<ConnectionRow> self = new ReadOnlyObjectWrapper<>(this, "self", this);
    final BooleanProperty fresh = new SimpleBooleanProperty(this, "fresh", true);
    final BooleanProperty closed = new SimpleBooleanProperty(this, "closed");

    /** Arrival order in the view-model's rows (set when the row joins the table). */
    long seq;
    CloseReason closeReason;
    ConnectionState connectionState = ConnectionState.OPEN;
    boolean readingPaused;
    long closedAtMillis;
    long lastActivityMillis;
    long sampleIn;
    long sampleOut;
    long sampleAtMillis;
    // Rates and the sparkline change once a second, for every row at once: plain fields the visible cells read
    // when the view-model's clock ticks, rather than properties firing for each of thousands of rows.
    double rateIn;
    double rateOut;
    private final float[] spark = new float[SPARK_SECONDS];
    private int sparkHead;
    private int sparkCount;

    ConnectionRow(long id, boolean datagram, long listenerId, String service, String protocol, Address peer, Address host,
                  long openedAtMillis) {
        this.id = id;
        this.datagram = datagram;
        this.listenerId = listenerId;
        this.service = service;
        this.protocol = protocol;
        this.peer = peer;
        this.host = host;
        this.openedAtMillis = openedAtMillis;
        this.lastActivityMillis = openedAtMillis;
        this.sampleAtMillis = openedAtMillis;
    }

    /** The monitor's connection id (for a UDP flow, the view-model's own flow number). */
    public long id() { return id; }
    /** True for a UDP flow. */
    public boolean isDatagram() { return datagram; }
    /** {@code 42} for a connection, {@code u7} for a UDP flow. */
    public String idText() { return datagram ? "u" + id : Long.toString(id); }
    public long listenerId() { return listenerId; }
    public String service() { return service; }
    /** {@code tcp} or {@code udp}. */
    public String protocol() { return protocol; }
    /** The remote address ({@code getPeer()}). */
    public Address peer() { return peer; }
    /** The local address ({@code getHost()}), or null if unknown. */
    public Address host() { return host; }
    public String peerText() { return peer == null ? "" : peer.hostPort(); }
    public String hostText() { return host == null ? "" : host.hostPort(); }
    public long openedAtMillis() { return openedAtMillis; }
    /** Why it closed, or null while open. */
    public CloseReason closeReason() { return closeReason; }

    public ReadOnlyStringProperty stateProperty() { return state; }
    /** The row itself as an observable value, for table columns whose cells render the row. */
    public ReadOnlyObjectProperty<ConnectionRow> selfProperty() { return self.getReadOnlyProperty(); }
    /** How long it has been open at {@code nowMillis}; a closed row's age stops when it closed. */
    public long ageMillis(long nowMillis) { return (closed.get() ? closedAtMillis : nowMillis) - openedAtMillis; }
    /** Bytes per second received over the last second (updated once a second, on the view-model's clock). */
    public double rateIn() { return rateIn; }
    /** Bytes per second sent over the last second (updated once a second, on the view-model's clock). */
    public double rateOut() { return rateOut; }

    /** Bytes per second in and out, one sample a second, oldest first: at most {@link #SPARK_SECONDS} of them. */
    public float[] sparkline() {
        float[] out = new float[sparkCount];
        int start = sparkHead - sparkCount;
        for (int i = 0; i < sparkCount; i++) out[i] = spark[Math.floorMod(start + i, SPARK_SECONDS)];
        return out;
    }

    void addSparkSample(double bytesPerSecond) {
        spark[sparkHead] = (float) bytesPerSecond;
        sparkHead = (sparkHead + 1) % SPARK_SECONDS;
        if (sparkCount < SPARK_SECONDS) sparkCount++;
    }
    /** True for a few seconds after the row appears (highlighted). */
    public ReadOnlyBooleanProperty freshProperty() { return fresh; }
    /** True once the connection is gone (greyed, removed a few seconds later). */
    public ReadOnlyBooleanProperty closedProperty() { return closed; }

    /** Bytes received so far. */
    public long getBytesIn() { return bytesIn; }
    /** Bytes sent so far. */
    public long getBytesOut() { return bytesOut; }
    /** Datagrams received (UDP flows). */
    public long getDatagramsIn() { return datagramsIn; }
    /** Datagrams sent (UDP flows). */
    public long getDatagramsOut() { return datagramsOut; }
    /** Outbound bytes written but not yet sent. */
    public long getBuffered() { return buffered; }
    public String getState() { return state.get(); }
    public boolean isClosed() { return closed.get(); }

    @Override
    public String toString() {
        return "ConnectionRow[" + idText() + " " + service + " " + peerText() + " " + state.get() + "]";
    }
}
