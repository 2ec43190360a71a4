package netmon.ui.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.protocol.Address;
import netmon.ui.bridge.BridgeBatch;
import netmon.ui.bridge.ConnectionDelta;
import netmon.ui.bridge.FlowDelta;

/**
 * The live connections table: one row per TCP connection and per UDP flow, fed by the bridge's batches.
 * New rows are marked fresh for {@link #FRESH_MILLIS}; closed rows stay greyed for {@link #CLOSED_LINGER_MILLIS}
 * and then go; a UDP flow idle for {@link #FLOW_IDLE_MILLIS} goes too. Filter by text and by service.
 * FX thread only; time comes in as arguments so tests control it.
 */
public final class ConnectionsViewModel {
    /** How long a new row stays highlighted. */
    public static final long FRESH_MILLIS = 2_000;
    /** How long a closed row stays (greyed) before it is removed. */
    public static final long CLOSED_LINGER_MILLIS = 5_000;
    /** How long a UDP flow may be idle before its row is removed. */
    public static final long FLOW_IDLE_MILLIS = 30_000;
    /** At most this many closed rows linger; under heavy churn the oldest go early so the table stays bounded. */
    public static final int MAX_CLOSED_ROWS = 2_000;
    /** At most this many UDP flow rows; traffic of further peers counts in the service totals only. */
    public static final int MAX_FLOW_ROWS = 5_000;
    /**
     * Rows are added to and removed from the table at most this often: each change in the row count makes
     * the table rebuild its visible rows (CSS and layout of every cell), so under churn the changes of
     * several drains go in together, in a {@link #step} of their own. The first change after
     * {@link #QUIET_STRUCTURE_MILLIS} without one goes in at once, with the batch that brought it.
     */
    public static final long STRUCTURE_MILLIS = 500;
    /** After this long without a change of rows, new rows go in with the batch that brought them. */
    public static final long QUIET_STRUCTURE_MILLIS = 1_000;
    /** The service filter's "everything" value. */
    public static final String ALL_SERVICES = "All services";

    private final ObservableList<ConnectionRow> rows = FXCollections.observableArrayList();
    // The table's rows, filtered and ordered here rather than by a FilteredList and a SortedList: a SortedList
    // walks all its elements for every separate range removed, and rows leave from anywhere in the list (each
    // closed row where it stood), so a step removing 50 rows of 10,000 cost it half a million element visits.
    private final ObservableList<ConnectionRow> visible = FXCollections.observableArrayList();
    private final ObservableList<ConnectionRow> visibleView = FXCollections.unmodifiableObservableList(visible);
    /** Which rows the table shows; null: all. */
    private Predicate<ConnectionRow> filter;
    /** Arrival order: the order rows joined {@link #rows}. */
    private static final Comparator<ConnectionRow> ARRIVAL = Comparator.comparingLong(r -> r.seq);
    private long nextSeq;
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final StringProperty serviceFilter = new SimpleStringProperty(this, "serviceFilter", ALL_SERVICES);
    private final ObservableList<String> serviceChoices = FXCollections.observableArrayList(ALL_SERVICES);
    private final IntegerProperty openCount = new SimpleIntegerProperty(this, "openCount");
    private final LongProperty clock = new SimpleLongProperty(this, "clock", 0);
    private final LongProperty counters = new SimpleLongProperty(this, "counters", 0);

    private final Map<Long, ConnectionRow> byId = new HashMap<>();
    private final Map<FlowKey, ConnectionRow> flowRows = new HashMap<>();
    private final TreeSet<String> services = new TreeSet<>();
    private final List<ConnectionRow> freshRows = new ArrayList<>();
    private final List<ConnectionRow> closedRows = new ArrayList<>();
    private final List<ConnectionRow> pendingAdds = new ArrayList<>();
    private final Set<ConnectionRow> pendingRemovals = Collections.newSetFromMap(new IdentityHashMap<>());
    private long lastStructureMillis = Long.MIN_VALUE / 2;
    private long lastFullTickMillis = Long.MIN_VALUE / 2;
    /** What the once-a-second update still has to do after its sampling, one {@link #step} each. */
    private enum Pending { NOTHING, SAMPLING, RESORT, CLOCK, COUNTERS }
    /** Rows sampled per step: 10,000 rows take four pulses of about a millisecond rather than one of four. */
    static final int SAMPLE_SLICE = 2_500;
    /** The next row of {@link #rows} to sample while {@link Pending#SAMPLING}. */
    private int sampleFrom;
    private Pending pending = Pending.NOTHING;
    private long nextFlowId = 1;
    private long totalBytesIn;
    private long totalBytesOut;
    private long folded;
    private Comparator<ConnectionRow> order;

    /** A view-model with no rows. */
    public ConnectionsViewModel() {
        filterText.addListener((o, a, b) -> refilter());
        serviceFilter.addListener((o, a, b) -> refilter());
    }

    /** Every row, unfiltered, in arrival order. */
    public ObservableList<ConnectionRow> rows() { return rows; }

    /**
     * The rows the table shows: filtered, and sorted by {@link #setOrder} (else in arrival order). Read-only:
     * the view-model orders it (a table's own sort policy must not, see {@link #setOrder}).
     */
    public ObservableList<ConnectionRow> visibleRows() { return visibleView; }

    /**
     * Sorts the visible rows by {@code order} now (null: arrival order) and again with the live values about
     * once a second, in a {@link #step} of its own. The columns hold counters that change with every batch
     * while new rows are only placed as they arrive, so without the re-sort a table sorted by bytes would drift
     * out of order; re-sorting on every batch would move rows under the user's eyes and cost a sort per pulse.
     * One re-sort is one permutation of the list (none if the order still holds): the table keeps its selection
     * and redraws only its visible rows. {@code order} should compare rows by their fields directly (a table
     * column's comparator goes through its cell value factory on every comparison). FX thread.
     */
    public void setOrder(Comparator<ConnectionRow> order) {
        this.order = order;
        resort();
    }

    private void resort() {
        Comparator<ConnectionRow> o = order == null ? ARRIVAL : order;
        for (int i = 1; i < visible.size(); i++) {
            // Already in order (often, between two seconds): no permutation, nothing for the table to redraw.
            if (o.compare(visible.get(i - 1), visible.get(i)) > 0) {
                visible.sort(o);
                return;
            }
        }
    }

    /** Free text matched against id, service, peer, host and state (case-insensitive). */
    public StringProperty filterTextProperty() { return filterText; }

    /** A service name, or {@link #ALL_SERVICES}. */
    public StringProperty serviceFilterProperty() { return serviceFilter; }

    /** {@link #ALL_SERVICES} and every service seen so far, for the service filter's choices. */
    public ObservableList<String> serviceChoices() { return serviceChoices; }

    /**
     * The time of the last once-a-second update of ages, rates and sparklines (epoch ms). Cells that show
     * those watch this one property instead of a property per row.
     */
    public ReadOnlyLongProperty clockProperty() { return clock; }

    /**
     * The time the byte counters were last published (epoch ms): once a second, a pulse after the
     * {@link #clockProperty clock}. Cells showing bytes in, out and buffered re-render on it, so the rows on
     * screen are laid out once a second however many batches the bridge delivers in between, and not in the
     * same pulse as the ages, rates and sparklines.
     */
    public ReadOnlyLongProperty countersProperty() { return counters; }

    /** Connections and flows open now. */
    public ReadOnlyIntegerProperty openCountProperty() { return openCount; }

    /** The row of TCP connection {@code id}, or null. */
    public ConnectionRow row(long id) { return byId.get(id); }

    /** Bytes received over all rows ever shown (plus folded connections). */
    public long totalBytesIn() { return totalBytesIn; }

    /** Bytes sent over all rows ever shown (plus folded connections). */
    public long totalBytesOut() { return totalBytesOut; }

    /** Connections the bridge folded (never shown as rows) since start. */
    public long foldedConnections() { return folded; }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        String service = serviceFilter.get();
        boolean anyService = service == null || service.isEmpty() || ALL_SERVICES.equals(service);
        Predicate<ConnectionRow> p = r -> (anyService || service.equals(r.service()))
                && (text.isEmpty() || matches(r, text));
        filter = text.isEmpty() && anyService ? null : p;
        List<ConnectionRow> shown = shown(rows);
        if (order != null) shown.sort(order);
        visible.setAll(shown);
    }

    /** The rows of {@code from} the filter lets through, in their order (a new list). */
    private List<ConnectionRow> shown(List<ConnectionRow> from) {
        List<ConnectionRow> shown = new ArrayList<>(from.size());
        for (ConnectionRow r : from) if (filter == null || filter.test(r)) shown.add(r);
        return shown;
    }

    private static boolean matches(ConnectionRow r, String text) {
        return r.idText().contains(text) || r.service().toLowerCase(Locale.ROOT).contains(text)
                || r.peerText().toLowerCase(Locale.ROOT).contains(text) || r.hostText().toLowerCase(Locale.ROOT).contains(text)
                || r.getState().toLowerCase(Locale.ROOT).contains(text) || r.protocol().contains(text);
    }

    /** Applies one bridge batch. FX thread. */
    public void apply(BridgeBatch batch, long nowMillis) {
        List<ConnectionRow> added = new ArrayList<>();
        folded += batch.foldedConnections();
        int open = openCount.get();
        for (ConnectionDelta d : batch.connections()) {
            ConnectionRow r = d.viewTag() instanceof ConnectionRow tagged ? tagged : byId.get(d.id());
            if (r == null) {
                ConnectionInfo info = d.opened();
                if (info == null) {
                    // Opened before we watched, or already removed: nothing to show, but keep the totals right.
                    totalBytesIn += d.bytesIn();
                    totalBytesOut += d.bytesOut();
                    continue;
                }
                r = new ConnectionRow(info.id(), false, info.listenerId(), info.service(), info.protocol(), info.peer(),
                        info.host(), info.openedAtMillis() > 0 ? info.openedAtMillis() : nowMillis);
                byId.put(r.id(), r);
                d.setViewTag(r);
                added.add(r);
                noteService(r.service());
                open++;
            }
            if (d.bytesIn() != 0 || d.bytesOut() != 0) {
                r.bytesIn += d.bytesIn();
                r.bytesOut += d.bytesOut();
                totalBytesIn += d.bytesIn();
                totalBytesOut += d.bytesOut();
                r.lastActivityMillis = nowMillis;
            }
            if (d.buffered() >= 0) r.buffered = d.buffered();
            if (d.closed()) {
                if (!r.closed.get()) {
                    open--;
                    r.closeReason = d.closeReason();
                    markClosed(r, nowMillis);
                    setState(r, closedText(d.closeReason(), d.closeMessage()));
                }
            } else if (d.state() != null || d.buffered() >= 0) {
                if (d.state() != null) r.connectionState = d.state();
                if (d.buffered() >= 0) r.readingPaused = d.readingPaused();
                setState(r, stateText(r.connectionState, r.readingPaused));
            }
        }
        for (FlowDelta f : batch.flows()) {
            FlowKey key = new FlowKey(f.listenerId(), f.peer());
            ConnectionRow r = flowRows.get(key);
            if ((r == null || r.isClosed()) && flowRows.size() >= MAX_FLOW_ROWS) {
                totalBytesIn += f.bytesIn();
                totalBytesOut += f.bytesOut();
                continue;
            }
            if (r == null || r.isClosed()) {
                r = new ConnectionRow(nextFlowId++, true, f.listenerId(), f.service(), "udp", f.peer(), f.host(), nowMillis);
                r.state.set("flow");
                r.sampleAtMillis = lastFullTickMillis > 0 ? lastFullTickMillis : nowMillis;
                flowRows.put(key, r);
                added.add(r);
                noteService(r.service());
                open++;
            }
            r.bytesIn += f.bytesIn();
            r.bytesOut += f.bytesOut();
            totalBytesIn += f.bytesIn();
            totalBytesOut += f.bytesOut();
            r.datagramsIn += f.datagramsIn();
            r.datagramsOut += f.datagramsOut();
            setState(r, "flow: " + r.datagramsIn + " dg in, " + r.datagramsOut + " out");
            r.lastActivityMillis = nowMillis;
        }
        openCount.set(open);
        if (!added.isEmpty()) {
            pendingAdds.addAll(added);
            freshRows.addAll(added);
            // Under churn the rows wait for their own step (a drain and a change of rows in one pulse were the
            // slowest pulses of the run); after a quiet spell the change goes in now, while the batch is small.
            if (nowMillis - lastStructureMillis >= QUIET_STRUCTURE_MILLIS) flushStructure(nowMillis);
        }
    }

    private static void setState(ConnectionRow r, String text) {
        // Only a real change fires: a cell listening to the state re-renders, the rest stays untouched.
        if (!text.equals(r.state.get())) r.state.set(text);
    }

    /** New rows in, expired rows out, as one step for the table. */
    private void flushStructure(long nowMillis) {
        lastStructureMillis = nowMillis;
        if (!pendingRemovals.isEmpty()) {
            pendingAdds.removeIf(pendingRemovals::contains);
            visible.removeAll(pendingRemovals);
            rows.removeAll(pendingRemovals);
            for (ConnectionRow r : pendingRemovals) {
                if (r.isDatagram()) flowRows.values().remove(r);
                else byId.remove(r.id());
            }
            pendingRemovals.clear();
        }
        if (!pendingAdds.isEmpty()) {
            for (ConnectionRow r : pendingAdds) r.seq = nextSeq++;
            rows.addAll(pendingAdds);
            List<ConnectionRow> shown = shown(pendingAdds);
            if (order == null) {
                visible.addAll(shown);
            } else {
                // Each new row where the order puts it (the rest may have drifted since the last re-sort: a
                // binary search still finds a sensible place, and the next re-sort settles it).
                for (ConnectionRow r : shown) {
                    int at = Collections.binarySearch(visible, r, order);
                    visible.add(at < 0 ? -at - 1 : at, r);
                }
            }
            pendingAdds.clear();
        }
    }

    private void noteService(String s) {
        if (s != null && services.add(s)) {
            // Insert in place (never setAll) so a combo box bound to the filter keeps its selection.
            serviceChoices.add(1 + services.headSet(s).size(), s);
        }
    }

    private static String stateText(ConnectionState s, boolean paused) {
        String base = switch (s) {
            case OPEN -> "open";
            case READ_CLOSED -> "half-closed (peer FIN)";
            case WRITE_CLOSED -> "half-closed (our FIN)";
            case CLOSING -> "closing";
            case ABORTING -> "aborting";
            case CLOSED -> "closed";
        };
        return paused && s == ConnectionState.OPEN ? "paused (backpressure)" : base;
    }

    private static String closedText(CloseReason reason, String message) {
        // Clean closes and our own aborts need no message; losses and errors are worth their reason.
        return switch (reason) {
            case DONE -> "closed";
            case ABORTED -> "aborted (RST)";
            case LOST -> message == null || message.isBlank() ? "lost" : "lost: " + message;
            case ERROR -> message == null || message.isBlank() ? "error" : "error: " + message;
        };
    }

    /** True while rows wait to be added to or removed from the table (a coming step flushes them). FX thread. */
    boolean structurePending() { return !pendingAdds.isEmpty() || !pendingRemovals.isEmpty(); }

    /** True while the once-a-second update has steps left (re-sort, clock, counters). FX thread. */
    boolean updatePending() { return pending != Pending.NOTHING; }

    /**
     * Everything due at {@code nowMillis} at once: {@link #expire} and every {@link #step} due. The window
     * paces the same work over its pulses instead (see {@code Dashboard}). FX thread.
     */
    public void tick(long nowMillis) {
        expire(nowMillis);
        int most = 8 + rows.size() / SAMPLE_SLICE;
        // Each step does one job: a flush, a slice of sampling, a re-sort, the clock, the counters.
        for (int i = 0; i < most; i++) if (!step(nowMillis)) break;
    }

    /**
     * The cheap part of the periodic work, about four times a second: un-highlights old rows, and marks closed
     * rows past their linger time (the oldest first beyond {@link #MAX_CLOSED_ROWS}) to leave with the next
     * change of rows. Walks only the fresh and closed rows, which are few. FX thread.
     */
    public void expire(long nowMillis) {
        for (java.util.Iterator<ConnectionRow> it = freshRows.iterator(); it.hasNext(); ) {
            ConnectionRow r = it.next();
            if (nowMillis - r.openedAtMillis() >= FRESH_MILLIS || r.isClosed()) {
                r.fresh.set(false);
                it.remove();
            }
        }
        int excess = closedRows.size() - MAX_CLOSED_ROWS;
        for (java.util.Iterator<ConnectionRow> it = closedRows.iterator(); it.hasNext(); ) {
            ConnectionRow r = it.next();
            if (excess-- > 0 || nowMillis - r.closedAtMillis >= CLOSED_LINGER_MILLIS) {
                pendingRemovals.add(r);
                it.remove();
            }
        }
    }

    /** True if a {@link #step} has something to do at {@code nowMillis}. FX thread. */
    public boolean stepDue(long nowMillis) {
        return structureDue(nowMillis) || pending != Pending.NOTHING || nowMillis - lastFullTickMillis >= 1000;
    }

    private boolean structureDue(long nowMillis) {
        return structurePending() && nowMillis - lastStructureMillis >= STRUCTURE_MILLIS;
    }

    /**
     * One job of the periodic work, the first due of: rows in and out of the table (at most every
     * {@link #STRUCTURE_MILLIS}, never in the middle of sampling); once a second, rates and sparkline samples of
     * every row and idle UDP flows closed, {@link #SAMPLE_SLICE} rows a step (plain fields, nothing on screen
     * changes); then the re-sort by the live values if the table is
     * sorted; then the {@link #clockProperty clock} (ages, rates, sparklines redrawn); then the
     * {@link #countersProperty counters} (bytes redrawn). Each is one pulse's worth of work at most, so the
     * window gives each its own pulse rather than one pulse all of them. Returns false if nothing was due. FX thread.
     */
    public boolean step(long nowMillis) {
        // Rows do not join or leave in the middle of sampling: the slices are index ranges of the rows.
        if (pending != Pending.SAMPLING && structureDue(nowMillis)) {
            flushStructure(nowMillis);
            return true;
        }
        switch (pending) {
            case NOTHING -> {
                if (nowMillis - lastFullTickMillis < 1000) return false;
                lastFullTickMillis = nowMillis;
                sampleFrom = 0;
                pending = Pending.SAMPLING;
                sampleSlice(nowMillis);
                return true;
            }
            case SAMPLING -> {
                sampleSlice(nowMillis);
                return true;
            }
            case RESORT -> {
                resort();
                pending = Pending.CLOCK;
                return true;
            }
            case CLOCK -> {
                clock.set(nowMillis);
                pending = Pending.COUNTERS;
                return true;
            }
            case COUNTERS -> {
                counters.set(nowMillis);
                pending = Pending.NOTHING;
                return true;
            }
        }
        return false;
    }

    /**
     * Rates and sparkline samples of the next {@link #SAMPLE_SLICE} rows (each over its own interval since its
     * last sample, so rows sampled a pulse apart get the same figures), and idle UDP flows among them closed;
     * after the last slice, the rows still waiting to join, then on to the re-sort or the clock.
     */
    private void sampleSlice(long nowMillis) {
        int end = Math.min(rows.size(), sampleFrom + SAMPLE_SLICE);
        int open = openCount.get();
        for (int i = sampleFrom; i < end; i++) {
            ConnectionRow r = rows.get(i);
            sample(r, nowMillis);
            if (r.isDatagram() && !r.isClosed() && nowMillis - r.lastActivityMillis >= FLOW_IDLE_MILLIS) {
                markClosed(r, nowMillis);
                setState(r, "idle: " + r.datagramsIn + " dg in, " + r.datagramsOut + " out");
                open--;
            }
        }
        openCount.set(open);
        sampleFrom = end;
        if (end < rows.size()) return;
        for (ConnectionRow r : pendingAdds) sample(r, nowMillis);
        pending = order != null ? Pending.RESORT : Pending.CLOCK;
    }

    private static void sample(ConnectionRow r, long nowMillis) {
        if (r.isClosed()) return;
        long dt = nowMillis - r.sampleAtMillis;
        if (dt < 1000) return;
        r.rateIn = (r.bytesIn - r.sampleIn) * 1000.0 / dt;
        r.rateOut = (r.bytesOut - r.sampleOut) * 1000.0 / dt;
        r.addSparkSample(r.rateIn + r.rateOut);
        r.sampleIn = r.bytesIn;
        r.sampleOut = r.bytesOut;
        r.sampleAtMillis = nowMillis;
    }

    private void markClosed(ConnectionRow r, long nowMillis) {
        r.closedAtMillis = nowMillis;
        r.closed.set(true);
        r.buffered = 0;
        r.rateIn = 0;
        r.rateOut = 0;
        closedRows.add(r);
    }

    private record FlowKey(long listenerId, Address peer) {}
}
