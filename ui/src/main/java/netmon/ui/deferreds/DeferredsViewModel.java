package netmon.ui.deferreds;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import netmon.engine.defer.Deferreds;

/**
 * The Deferreds view's state without the toolkit: one row per tracked Deferred (newest first), a filter
 * (all, pending, failed, waiting longer than N seconds), the selected Deferred, the failed-and-unhandled
 * counts and the debug-mode switch. {@link #pulse()} applies the tracker's changes once per pulse. FX thread.
 */
public final class DeferredsViewModel {
    /** Which rows show. */
    public enum Filter { ALL, PENDING, FAILED, SLOW }

    private final DeferredTracker tracker;
    private final LongSupplier nanos;
    private final IntSupplier unhandledNow;
    private final ObservableList<DeferredRow> rows = FXCollections.observableArrayList();
    private final FilteredList<DeferredRow> shown = new FilteredList<>(rows, r -> true);
    private final Map<Long, DeferredRow> byId = new HashMap<>();
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(this, "filter", Filter.ALL);
    private final DoubleProperty slowSeconds = new SimpleDoubleProperty(this, "slowSeconds", 5);
    private final ObjectProperty<DeferredRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final IntegerProperty unhandled = new SimpleIntegerProperty(this, "unhandled");
    private final IntegerProperty flagged = new SimpleIntegerProperty(this, "flagged");
    private final IntegerProperty pending = new SimpleIntegerProperty(this, "pending");
    private final LongProperty forgotten = new SimpleLongProperty(this, "forgotten");
    private final BooleanProperty debugging = new SimpleBooleanProperty(this, "debugging", Deferreds.isDebugging());
    private long lastAgeNanos = Long.MIN_VALUE / 2;

    /** A view-model over {@code tracker}, with the real clock and the engine's unhandled count. */
    public DeferredsViewModel(DeferredTracker tracker) {
        this(tracker, System::nanoTime, Deferreds::unhandledCount);
    }

    /** A view-model with an explicit clock and unhandled-count source (for tests). */
    public DeferredsViewModel(DeferredTracker tracker, LongSupplier nanos, IntSupplier unhandledNow) {
        this.tracker = tracker;
        this.nanos = nanos;
        this.unhandledNow = unhandledNow;
        filter.addListener((o, a, b) -> refilter());
        slowSeconds.addListener((o, a, b) -> refilter());
        debugging.addListener((o, a, on) -> Deferreds.setDebugging(on));
    }

    /** All rows, newest first. */
    public ObservableList<DeferredRow> rows() { return rows; }

    /** The rows that pass the filter. */
    public ObservableList<DeferredRow> shown() { return shown; }

    /** The filter. */
    public ObjectProperty<Filter> filterProperty() { return filter; }

    /** The threshold of {@link Filter#SLOW}, in seconds. */
    public DoubleProperty slowSecondsProperty() { return slowSeconds; }

    /** The selected row (its chain is drawn). */
    public ObjectProperty<DeferredRow> selectedProperty() { return selected; }

    /** Failed-and-unhandled Deferreds alive in the process now (the engine's count): the status bar's figure. */
    public IntegerProperty unhandledProperty() { return unhandled; }

    /** Rows flagged failed-and-unhandled among those tracked. */
    public IntegerProperty flaggedProperty() { return flagged; }

    /** Live (pending, waiting, paused) rows. */
    public IntegerProperty pendingProperty() { return pending; }

    /** Live Deferreds forgotten because more than the tracker's bound were live. */
    public LongProperty forgottenProperty() { return forgotten; }

    /** Debug mode (creation and firing sites) for Deferreds created from now on. */
    public BooleanProperty debuggingProperty() { return debugging; }

    /** The tracker it reads. */
    public DeferredTracker tracker() { return tracker; }

    /** The row of Deferred {@code id}, or null. */
    public DeferredRow row(long id) { return byId.get(id); }

    /**
     * Selects Deferred {@code id} (following a "waiting on" link); if the filter hides it, the filter is
     * reset to all. Returns false if it is not tracked.
     */
    public boolean select(long id) {
        DeferredRow r = byId.get(id);
        if (r == null) return false;
        if (!shown.contains(r)) filter.set(Filter.ALL);
        selected.set(r);
        return true;
    }

    /** Applies what changed since the last pulse. FX thread. */
    public void pulse() {
        DeferredTracker.Changes c = tracker.drain();
        long now = nanos.getAsLong();
        if (!c.removed().isEmpty()) {
            // One pass over the rows, not one search per removed Deferred.
            java.util.Set<DeferredRow> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Long id : c.removed()) {
                DeferredRow r = byId.remove(id);
                if (r != null) gone.add(r);
            }
            if (!gone.isEmpty()) {
                rows.removeAll(gone);
                if (gone.contains(selected.get())) selected.set(null);
            }
        }
        java.util.ArrayList<DeferredRow> added = new java.util.ArrayList<>();
        for (DeferredInfo i : c.changed()) {
            DeferredRow r = byId.get(i.id());
            if (r == null) {
                r = new DeferredRow(i);
                byId.put(i.id(), r);
                added.add(r);
            } else {
                r.infoProperty().set(i);
            }
            r.ageProperty().set(age(r, now));
        }
        if (!added.isEmpty()) {
            java.util.Collections.reverse(added); // newest first
            rows.addAll(0, added);
        }
        if (!c.changed().isEmpty() || !c.removed().isEmpty() || now - lastAgeNanos > 1_000_000_000L) {
            if (now - lastAgeNanos > 1_000_000_000L) {
                lastAgeNanos = now;
                for (DeferredRow r : rows) if (r.info().state().isLive()) r.ageProperty().set(age(r, now));
            }
            int f = 0, p = 0;
            for (DeferredRow r : rows) {
                if (r.info().unhandled()) f++;
                if (r.info().state().isLive()) p++;
            }
            flagged.set(f);
            pending.set(p);
            refilter();
        }
        forgotten.set(c.forgottenLive());
        unhandled.set(unhandledNow.getAsInt());
    }

    private static String age(DeferredRow r, long now) {
        double s = r.ageSeconds(now);
        if (s < 1) return String.format(Locale.ROOT, "%.0f ms", s * 1000);
        if (s < 60) return String.format(Locale.ROOT, "%.1f s", s);
        return String.format(Locale.ROOT, "%dm %02ds", (long) s / 60, (long) s % 60);
    }

    private void refilter() {
        Filter f = filter.get();
        long now = nanos.getAsLong();
        double slow = slowSeconds.get();
        Predicate<DeferredRow> p = switch (f) {
            case ALL -> r -> true;
            case PENDING -> r -> r.info().state().isLive();
            case FAILED -> r -> r.info().unhandled() || r.info().state() == DeferredState.FAILED
                    || r.info().state() == DeferredState.FAILED_HANDLED;
            case SLOW -> r -> r.info().state().isLive() && r.ageSeconds(now) >= slow;
        };
        shown.setPredicate(p);
    }
}
