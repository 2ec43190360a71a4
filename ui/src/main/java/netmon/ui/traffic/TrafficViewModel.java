package netmon.ui.traffic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The traffic inspector's state, without the toolkit: which stream is shown, its chunks (mirroring what
 * the capture keeps, oldest dropped as the capture drops them), the "not kept" count, the view mode and
 * the follow flag. {@link #pulse()} pulls new chunks once per pulse. FX thread.
 */
public final class TrafficViewModel {
    /** How chunks are rendered. */
    public enum Mode { TEXT, HEX }

    private final TrafficCapture capture;
    private final ObservableList<Chunk> chunks = FXCollections.observableArrayList();
    private final ObjectProperty<StreamKey> stream = new SimpleObjectProperty<>(this, "stream");
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.TEXT);
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final ReadOnlyLongWrapper droppedBytes = new ReadOnlyLongWrapper(this, "droppedBytes");
    private final ReadOnlyLongWrapper bytesIn = new ReadOnlyLongWrapper(this, "bytesIn");
    private final ReadOnlyLongWrapper bytesOut = new ReadOnlyLongWrapper(this, "bytesOut");
    private final ReadOnlyBooleanWrapper closed = new ReadOnlyBooleanWrapper(this, "closed");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyLongWrapper listenerId = new ReadOnlyLongWrapper(this, "listenerId", -1);
    private long lastSeq = -1;

    /** A view-model over {@code capture}. */
    public TrafficViewModel(TrafficCapture capture) {
        this.capture = capture;
        stream.addListener((o, a, b) -> reload());
    }

    /** The capture it reads. */
    public TrafficCapture capture() { return capture; }

    /** The shown stream's chunks, in order. */
    public ObservableList<Chunk> chunks() { return chunks; }

    /** The stream shown (null for none). */
    public ObjectProperty<StreamKey> streamProperty() { return stream; }

    /** Shows {@code key}'s traffic (null clears). */
    public void show(StreamKey key) {
        if (key != null && key.equals(stream.get())) return;
        stream.set(key);
    }

    /** Text or hex. */
    public ObjectProperty<Mode> modeProperty() { return mode; }

    /** Keep the newest chunk in view; the view turns it off when the user scrolls up. */
    public BooleanProperty followProperty() { return follow; }

    /** Bytes the capture saw on this stream but did not keep. */
    public ReadOnlyLongProperty droppedBytesProperty() { return droppedBytes.getReadOnlyProperty(); }

    /** All bytes seen inbound on this stream. */
    public ReadOnlyLongProperty bytesInProperty() { return bytesIn.getReadOnlyProperty(); }

    /** All bytes seen outbound on this stream. */
    public ReadOnlyLongProperty bytesOutProperty() { return bytesOut.getReadOnlyProperty(); }

    /** True once the stream ended. */
    public ReadOnlyBooleanProperty closedProperty() { return closed.getReadOnlyProperty(); }

    /** The listener the shown stream belongs to (0: outgoing; -1: none or unknown). */
    public ReadOnlyLongProperty listenerIdProperty() { return listenerId.getReadOnlyProperty(); }

    /** The stream's one-line description. */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }

    private void reload() {
        lastSeq = -1;
        chunks.clear();
        pulse();
    }

    /** Pulls chunks captured since the last pulse; returns how many were added. FX thread. */
    public int pulse() {
        StreamKey key = stream.get();
        if (key == null) {
            droppedBytes.set(0);
            bytesIn.set(0);
            bytesOut.set(0);
            closed.set(false);
            title.set("");
            listenerId.set(-1);
            return 0;
        }
        StreamSnapshot s = capture.snapshot(key, lastSeq);
        int drop = 0;
        while (drop < chunks.size() && chunks.get(drop).seq() < s.firstSeq()) drop++;
        if (drop > 0) chunks.remove(0, drop);
        List<Chunk> fresh = s.chunks();
        if (!fresh.isEmpty()) {
            chunks.addAll(fresh);
            lastSeq = fresh.get(fresh.size() - 1).seq();
        }
        droppedBytes.set(s.droppedBytes());
        bytesIn.set(s.bytesIn());
        bytesOut.set(s.bytesOut());
        closed.set(s.closed());
        title.set(s.title());
        listenerId.set(s.listenerId());
        return fresh.size();
    }

    /**
     * The index of the first chunk at or after {@code from} (wrapping) whose bytes contain {@code query}
     * (as UTF-8, ASCII case-insensitive; or as bytes when it starts with {@code hex:}); -1 if none.
     */
    public int find(String query, int from) {
        if (query == null || query.isEmpty() || chunks.isEmpty()) return -1;
        byte[] needle;
        boolean fold;
        if (query.regionMatches(true, 0, "hex:", 0, 4)) {
            needle = Escapes.parseHex(query.substring(4));
            fold = false;
            if (needle == null || needle.length == 0) return -1;
        } else {
            needle = query.getBytes(StandardCharsets.UTF_8);
            fold = true;
        }
        int n = chunks.size();
        int start = Math.floorMod(from, n);
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            if (contains(chunks.get(i).data(), needle, fold)) return i;
        }
        return -1;
    }

    /** True if {@code data} contains the query (same rules as {@link #find}). */
    public static boolean matches(byte[] data, String query) {
        if (query == null || query.isEmpty()) return false;
        if (query.regionMatches(true, 0, "hex:", 0, 4)) {
            byte[] n = Escapes.parseHex(query.substring(4));
            return n != null && n.length > 0 && contains(data, n, false);
        }
        return contains(data, query.getBytes(StandardCharsets.UTF_8), true);
    }

    private static boolean contains(byte[] hay, byte[] needle, boolean fold) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                byte a = hay[i + j], b = needle[j];
                if (a != b && !(fold && lower(a) == lower(b))) continue outer;
            }
            return true;
        }
        return false;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
