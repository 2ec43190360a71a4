package netmon.ui.deferreds;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the Deferreds table: the latest {@link DeferredInfo} and its age text. FX thread. */
public final class DeferredRow {
    private final long id;
    private final ObjectProperty<DeferredInfo> info = new SimpleObjectProperty<>(this, "info");
    private final StringProperty age = new SimpleStringProperty(this, "age", "");

    DeferredRow(DeferredInfo first) {
        this.id = first.id();
        info.set(first);
    }

    /** The Deferred's id. */
    public long id() { return id; }

    /** Its latest picture. */
    public DeferredInfo info() { return info.get(); }

    /** Its latest picture, observable. */
    public ObjectProperty<DeferredInfo> infoProperty() { return info; }

    /** How long it has lived (live) or lived (ended), as text. */
    public StringProperty ageProperty() { return age; }

    /** Seconds it has been live at {@code nowNanos}, or lived until it ended. */
    public double ageSeconds(long nowNanos) {
        DeferredInfo i = info.get();
        long end = i.state().isLive() ? nowNanos : i.endedNanos();
        return Math.max(0, (end - i.createdNanos()) / 1e9);
    }
}
