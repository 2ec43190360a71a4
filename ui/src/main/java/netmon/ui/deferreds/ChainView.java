package netmon.ui.deferreds;

import java.util.function.LongConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * Draws one Deferred's chain top to bottom: created, cancelled (if it was), fired with what, then each
 * callback pair as a node coloured by what happened to it (grey pending, green ran on the callback path,
 * amber ran on the errback path, red failed, blue paused waiting on another Deferred, with a link that
 * selects it), and the result or failure it ended with; a failure shows its original stack (where it was
 * raised) as selectable text. FX thread.
 */
public final class ChainView extends ScrollPane {
    private final VBox steps = new VBox();
    private final LongConsumer follow;

    /** A chain view whose links call {@code follow} with the linked Deferred's id. */
    public ChainView(LongConsumer follow) {
        this.follow = follow;
        getStyleClass().add("chain-view");
        steps.getStyleClass().add("chain-steps");
        steps.setPadding(new Insets(8));
        setContent(steps);
        setFitToWidth(true);
        show(null);
    }

    /** The nodes drawn, for tests: one per step plus the created/fired/result nodes. */
    public VBox stepsBox() { return steps; }

    /** Draws {@code info} (null shows a hint). */
    public void show(DeferredInfo info) {
        steps.getChildren().clear();
        if (info == null) {
            Label hint = new Label("Select a Deferred to see its callback chain");
            hint.getStyleClass().add("chain-hint");
            steps.getChildren().add(hint);
            return;
        }
        Label title = new Label(info.name() + "  —  " + info.state().text() + (info.cancelled() ? ", cancelled" : ""));
        title.getStyleClass().addAll("chain-title", "state-" + info.state().name().toLowerCase());
        steps.getChildren().add(title);
        if (info.seenLate()) steps.getChildren().add(note("created before netmon started watching; earlier steps are not shown"));
        steps.getChildren().add(node("created", "created", info.creationSite() == null ? "(creation site: switch on debug mode)" : info.creationSite(), 0));
        if (info.cancelled()) steps.getChildren().add(node("cancelled", "cancelled", "cancel() was called", 0));
        if (info.fired()) {
            Node fired = node(info.firedWithFailure() ? "fired-errback" : "fired-callback",
                    info.firedWithFailure() ? "fired: errback" : "fired: callback", info.firedDetail(), 0);
            steps.getChildren().add(fired);
            if (info.firedStack() != null) addStack(fired, info.firedStack(), false);
        } else {
            steps.getChildren().add(node("pending", "not fired yet", "waiting for callback() or errback()", 0));
        }
        if (info.droppedSteps() > 0) steps.getChildren().add(note(info.droppedSteps() + " earlier steps not kept"));
        for (StepInfo s : info.steps()) steps.getChildren().add(step(s));
        if (!info.state().isLive() && info.result() != null) {
            String cls = switch (info.state()) {
                case FAILED -> "result-failed";
                case FAILED_HANDLED, RECOVERED -> "result-recovered";
                default -> "result-ok";
            };
            String head = switch (info.state()) {
                case FAILED -> info.unhandled() ? "ended in an unhandled failure" : "ended in a failure";
                case FAILED_HANDLED -> "failure handled later";
                case RECOVERED -> "ended with a value after a failure";
                default -> "ended with a value";
            };
            Node end = node(cls, head, info.result(), 0);
            steps.getChildren().add(end);
            if (info.state() == DeferredState.FAILED && info.failureStack() != null) addStack(end, info.failureStack(), true);
        } else if (info.waitingOn() != 0) {
            steps.getChildren().add(node("waiting", "paused", "waiting on Deferred@" + info.waitingOn(), info.waitingOn()));
        }
    }

    private Node step(StepInfo s) {
        String cls, what;
        switch (s.state()) {
            case PENDING -> { cls = "pending"; what = "not run"; }
            case RAN_CALLBACK -> { cls = "ran-callback"; what = "ran on the callback path"; }
            case RAN_ERRBACK -> { cls = "ran-errback"; what = "ran on the errback path"; }
            case FAILED_ON_CALLBACK -> { cls = "failed"; what = "callback failed"; }
            case FAILED_ON_ERRBACK -> { cls = "failed"; what = "errback passed a failure on"; }
            case WAITING -> { cls = "waiting"; what = "paused, waiting on Deferred@" + s.otherId(); }
            case RESUMED -> { cls = "resumed"; what = "returned Deferred@" + s.otherId() + ", which fired"; }
            case CONTINUATION -> { cls = "continuation"; what = "handed its result to Deferred@" + s.otherId(); }
            default -> { cls = "pending"; what = ""; }
        }
        String detail = s.result() == null ? what : what + "  →  " + s.result();
        if (s.state() == StepInfo.StepState.PENDING && s.otherId() != 0) detail = "will hand the result to Deferred@" + s.otherId();
        Node n = node(cls, "#" + s.index() + "  " + s.name(), detail, s.otherId());
        n.getProperties().put("step-state", s.state());
        if (s.failureStack() != null) addStack(n, s.failureStack(), false);
        return n;
    }

    /**
     * Puts a failure's original stack under a node's text: selectable, copyable text (a read-only text area,
     * with a Copy button), open at once for the failure the chain ended with, folded for the step it arose in.
     */
    private static void addStack(Node node, String stack, boolean open) {
        if (!(node instanceof HBox box) || !(box.getChildren().get(1) instanceof StackPane holder)
                || !(holder.getChildren().get(0) instanceof VBox text)) return;
        TextArea area = new TextArea(stack.stripTrailing());
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("chain-stack");
        area.setPrefRowCount((int) Math.min(14, Math.max(3, stack.lines().count())));
        Button copy = new Button("Copy stack");
        copy.getStyleClass().add("chain-stack-copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(stack);
            Clipboard.getSystemClipboard().setContent(c);
        });
        VBox content = new VBox(4, area, copy);
        TitledPane pane = new TitledPane("original stack: " + firstLine(stack), content);
        pane.getStyleClass().add("chain-stack-pane");
        pane.setExpanded(open);
        pane.setAnimated(false);
        text.getChildren().add(pane);
    }

    private static String firstLine(String stack) {
        int nl = stack.indexOf('\n');
        String l = (nl < 0 ? stack : stack.substring(0, nl)).strip();
        return l.length() > 120 ? l.substring(0, 117) + "…" : l;
    }

    private Node note(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("chain-note");
        return l;
    }

    private Node node(String cls, String head, String detail, long link) {
        Circle dot = new Circle(6);
        dot.getStyleClass().add("chain-dot");
        Region line = new Region();
        line.getStyleClass().add("chain-line");
        line.setPrefWidth(2);
        line.setMaxWidth(2);
        VBox.setVgrow(line, Priority.ALWAYS);
        VBox rail = new VBox(dot, line);
        rail.setAlignment(Pos.TOP_CENTER);
        rail.setMinWidth(16);
        Label h = new Label(head);
        h.getStyleClass().add("chain-head");
        Label d = new Label(detail == null ? "" : detail);
        d.getStyleClass().add("chain-detail");
        d.setWrapText(true);
        VBox text = new VBox(1, h, d);
        if (link != 0) {
            Hyperlink a = new Hyperlink("go to Deferred@" + link);
            a.getStyleClass().add("chain-link");
            a.setOnAction(e -> follow.accept(link));
            text.getChildren().add(a);
        }
        text.setPadding(new Insets(0, 0, 10, 0));
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox box = new HBox(8, rail, new StackPane(text));
        box.getStyleClass().addAll("chain-node", cls);
        return box;
    }
}
