package netmon.ui.logs;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The log pane: the app's log lines from a {@link LogRing}, filtered by minimum level and text, coloured by
 * level, multi-selectable and copyable (Ctrl+C, or the buttons), following the newest line. FX thread.
 */
public final class LogPane extends BorderPane {
    private final LogRing ring;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> shown = new FilteredList<>(lines, l -> true);
    private final ListView<LogLine> list = new ListView<>(shown);
    private final ChoiceBox<LogLine.Level> level = new ChoiceBox<>();
    private final TextField filter = new TextField();
    private final CheckBox follow = new CheckBox("Follow");
    private long lastSeq = -1;

    /** A pane reading {@code ring}. */
    public LogPane(LogRing ring) {
        this.ring = ring;
        getStyleClass().add("logs-pane");
        level.setId("logs-level");
        level.getItems().setAll(LogLine.Level.values());
        level.setValue(LogLine.Level.DEBUG);
        level.valueProperty().addListener((o, a, b) -> refilter());
        filter.setId("logs-filter");
        filter.setPromptText("Filter text");
        filter.textProperty().addListener((o, a, b) -> refilter());
        follow.setSelected(true);
        Button copy = new Button("Copy selected");
        copy.setOnAction(e -> copy(list.getSelectionModel().getSelectedItems()));
        Button copyAll = new Button("Copy shown");
        copyAll.setOnAction(e -> copy(shown));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> lines.clear());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, new Label("Level at least"), level, filter, follow, gap, copy, copyAll, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        setTop(bar);
        list.setId("logs-list");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new Label("No log lines yet"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine l, boolean empty) {
                super.updateItem(l, empty);
                // A changed style class restyles the cell from scratch: only when the level changes.
                String level = empty || l == null ? null : "log-" + l.level().name().toLowerCase(Locale.ROOT);
                if (level == null || !getStyleClass().contains(level)) {
                    getStyleClass().removeIf(c -> c.startsWith("log-"));
                    if (level != null) getStyleClass().add(level);
                }
                if (level == null) {
                    setText(null);
                    return;
                }
                setText(l.text());
            }
        });
        KeyCombination ctrlC = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        list.setOnKeyPressed(e -> {
            if (ctrlC.match(e)) copy(list.getSelectionModel().getSelectedItems());
        });
        setCenter(list);
        getStylesheets().add(LogPane.class.getResource("/netmon/ui/traffic/traffic.css").toExternalForm());
    }

    private void refilter() {
        LogLine.Level min = level.getValue();
        String q = filter.getText() == null ? "" : filter.getText().strip().toLowerCase(Locale.ROOT);
        shown.setPredicate(l -> l.level().compareTo(min) >= 0 && (q.isEmpty() || l.text().toLowerCase(Locale.ROOT).contains(q)));
    }

    /** The text that copying {@code ls} puts on the clipboard: one line each, with the time. */
    static String text(List<LogLine> ls) {
        SimpleDateFormat f = new SimpleDateFormat("HH:mm:ss.SSS", Locale.ROOT);
        return ls.stream().map(l -> f.format(new Date(l.timeMillis())) + " " + l.text()).collect(Collectors.joining("\n", "", "\n"));
    }

    private void copy(List<LogLine> ls) {
        if (ls.isEmpty()) return;
        ClipboardContent c = new ClipboardContent();
        c.putString(text(ls));
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** Once per pulse: pulls new lines, keeps at most the ring's capacity, follows the newest. FX thread. */
    public void pulse() {
        List<LogLine> fresh = ring.since(lastSeq);
        if (fresh.isEmpty()) return;
        lastSeq = fresh.get(fresh.size() - 1).seq();
        lines.addAll(fresh);
        int over = lines.size() - ring.capacity();
        if (over > 0) lines.remove(0, over);
        if (follow.isSelected() && !shown.isEmpty()) list.scrollTo(shown.size() - 1);
    }

    /** The lines that pass the filter, for tests. */
    public ObservableList<LogLine> shown() { return shown; }

    /** The minimum level shown. */
    public ChoiceBox<LogLine.Level> levelChoice() { return level; }
}
