package netmon.ui.deferreds;

import java.util.function.LongConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
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
 * selects it), and the result or failure it ended with. FX thread.
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
            steps.getChildren().add(node(info.firedWithFailure() ? "fired-errback" : "fired-callback",
                    info.firedWithFailure() ? "fired: errback" : "fired: callback", info.firedDetail(), 0));
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
            steps.getChildren().add(node(cls, head, info.result(), 0));
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
        return n;
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
