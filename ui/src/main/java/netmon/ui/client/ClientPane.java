package netmon.ui.client;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import netmon.ui.traffic.StreamKey;
import netmon.ui.traffic.TrafficCapture;
import netmon.ui.traffic.TrafficPane;
import netmon.ui.traffic.TrafficViewModel;

/**
 * The client tool's pane: a connect form (TCP or UDP, {@code host:port}, timeout, reconnecting mode with a
 * retry limit), the list of sessions, the selected session's traffic in the same inspector view as any
 * connection, and a send bar (text with a line ending, or hex). FX thread.
 */
public final class ClientPane extends BorderPane {
    private final ClientTool tool;
    private final TrafficViewModel traffic;
    private final ListView<ClientSession> list = new ListView<>();
    private final TextField target = new TextField("127.0.0.1:7000");
    private final ChoiceBox<String> proto = new ChoiceBox<>();
    private final TextField payload = new TextField();
    private final ChoiceBox<String> payloadMode = new ChoiceBox<>();
    private final ChoiceBox<Payloads.LineEnding> ending = new ChoiceBox<>();
    private final Label message = new Label();

    /** A pane driving {@code tool}, showing traffic from {@code capture}. */
    public ClientPane(ClientTool tool, TrafficCapture capture) {
        this.tool = tool;
        this.traffic = new TrafficViewModel(capture);
        getStyleClass().add("client-pane");

        proto.setId("client-proto");
        proto.getItems().setAll("TCP", "UDP");
        proto.setValue("TCP");
        target.setId("client-target");
        target.setPromptText("host:port");
        target.setPrefColumnCount(16);
        Spinner<Double> timeout = new Spinner<>(0.5, 120, 5, 0.5);
        timeout.setEditable(true);
        timeout.setPrefWidth(80);
        timeout.setTooltip(new Tooltip("Connect timeout, seconds (TCP)"));
        CheckBox reconnect = new CheckBox("Reconnect");
        reconnect.setId("client-reconnect");
        reconnect.setTooltip(new Tooltip("Retry with exponential backoff after a failed attempt or a lost connection"));
        Spinner<Integer> retries = new Spinner<>(-1, 1000, 5);
        retries.setPrefWidth(75);
        retries.setEditable(true);
        retries.setTooltip(new Tooltip("Retries before giving up (-1: never give up)"));
        retries.disableProperty().bind(reconnect.selectedProperty().not());
        reconnect.disableProperty().bind(proto.valueProperty().isEqualTo("UDP"));
        timeout.disableProperty().bind(proto.valueProperty().isEqualTo("UDP"));
        Button connect = new Button("Connect");
        connect.setId("client-connect");
        connect.setDefaultButton(false);
        Runnable doConnect = () -> {
            message.setText("");
            boolean udp = "UDP".equals(proto.getValue());
            tool.connect(udp, target.getText(), timeout.getValue(), reconnect.isSelected(), retries.getValue())
                    .addErrback(f -> {
                        message.setText(f.getErrorMessage());
                        return null;
                    });
            if (!tool.sessions().isEmpty()) list.getSelectionModel().select(tool.sessions().size() - 1);
        };
        connect.setOnAction(e -> doConnect.run());
        target.setOnAction(e -> doConnect.run());
        message.setId("client-message");
        message.getStyleClass().add("client-message");
        HBox form = new HBox(6, proto, target, new Label("timeout"), timeout, new Label("s"), reconnect, new Label("retries"), retries, connect, message);
        form.setAlignment(Pos.CENTER_LEFT);
        form.getStyleClass().add("client-form");

        list.setId("client-sessions");
        list.setItems(tool.sessions());
        list.setPlaceholder(new Label("No sessions: connect to a host:port above"));
        list.setCellFactory(v -> new ListCell<>() {
            private ClientSession watched;
            private final javafx.beans.value.ChangeListener<ClientSession.State> restyle = (o, a, b) -> style(b);

            private void style(ClientSession.State st) {
                getStyleClass().removeIf(c -> c.startsWith("session-"));
                if (st != null) getStyleClass().add("session-" + st.name().toLowerCase());
            }

            @Override
            protected void updateItem(ClientSession s, boolean empty) {
                super.updateItem(s, empty);
                textProperty().unbind();
                if (watched != null) watched.stateProperty().removeListener(restyle);
                watched = empty ? null : s;
                if (watched == null) {
                    setText(null);
                    style(null);
                    return;
                }
                textProperty().bind(Bindings.createStringBinding(() -> "#" + s.number() + "  " + s.target()
                        + (s.isReconnecting() ? " ⟳" : "") + "\n" + s.statusProperty().get(), s.statusProperty()));
                s.stateProperty().addListener(restyle);
                style(s.stateProperty().get());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> showSession(s));
        Button disconnect = new Button("Disconnect");
        disconnect.setId("client-disconnect");
        disconnect.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        disconnect.setOnAction(e -> {
            ClientSession s = list.getSelectionModel().getSelectedItem();
            if (s != null) tool.disconnect(s);
        });
        Button clear = new Button("Clear ended");
        clear.setOnAction(e -> tool.clearEnded());
        VBox left = new VBox(6, list, new HBox(6, disconnect, clear));
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setMinWidth(220);

        payload.setId("client-payload");
        payload.setPromptText("text to send (Enter sends)");
        HBox.setHgrow(payload, Priority.ALWAYS);
        payloadMode.getItems().setAll("Text", "Hex");
        payloadMode.setValue("Text");
        payloadMode.setId("client-payload-mode");
        ending.getItems().setAll(Payloads.LineEnding.values());
        ending.setValue(Payloads.LineEnding.CRLF);
        ending.setId("client-ending");
        ending.disableProperty().bind(payloadMode.valueProperty().isEqualTo("Hex"));
        Button send = new Button("Send");
        send.setId("client-send");
        send.setOnAction(e -> send());
        payload.setOnAction(e -> send());
        Button file = new Button("File…");
        file.setId("client-file");
        file.setTooltip(new Tooltip("Send a file's bytes as they are (up to " + MAX_FILE / (1 << 20) + " MiB)"));
        file.setOnAction(e -> sendFile());
        HBox sendBar = new HBox(6, payloadMode, payload, new Label("ending"), ending, send, file);
        sendBar.setAlignment(Pos.CENTER_LEFT);
        sendBar.getStyleClass().add("client-send-bar");

        TrafficPane trafficPane = new TrafficPane(traffic);
        BorderPane right = new BorderPane(trafficPane);
        right.setBottom(sendBar);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.26);
        setTop(form);
        setCenter(split);
    }

    private void showSession(ClientSession s) {
        traffic.show(s == null ? null : s.streamProperty().get());
    }

    private void send() {
        ClientSession s = list.getSelectionModel().getSelectedItem();
        if (s == null) {
            message.setText("select a session first");
            return;
        }
        byte[] data;
        try {
            data = "Hex".equals(payloadMode.getValue()) ? Payloads.hex(payload.getText())
                    : Payloads.text(payload.getText(), ending.getValue());
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
            return;
        }
        tool.send(s, data).addCallbacks(n -> {
            message.setText("");
            payload.clear();
            return null;
        }, f -> {
            message.setText(f.getErrorMessage());
            return null;
        });
    }

    /** Largest file the Send file button sends. */
    static final long MAX_FILE = 16L << 20;

    private void sendFile() {
        ClientSession s = list.getSelectionModel().getSelectedItem();
        if (s == null) {
            message.setText("select a session first");
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Send a file on session #" + s.number());
        java.io.File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        try {
            if (f.length() > MAX_FILE) {
                message.setText(f.getName() + " is larger than " + MAX_FILE / (1 << 20) + " MiB");
                return;
            }
            byte[] data = java.nio.file.Files.readAllBytes(f.toPath());
            tool.send(s, data).addCallbacks(n -> {
                message.setText("");
                return null;
            }, fl -> {
                message.setText(fl.getErrorMessage());
                return null;
            });
        } catch (java.io.IOException e) {
            message.setText("cannot read " + f.getName() + ": " + e.getMessage());
        }
    }

    /** Once per pulse: follows the selected session's current stream and pulls its new chunks. FX thread. */
    public void pulse() {
        ClientSession s = list.getSelectionModel().getSelectedItem();
        if (s != null) {
            StreamKey key = s.streamProperty().get();
            if (key != null && key.udp() && traffic.capture().snapshot(key, Long.MAX_VALUE).title().equals(key.toString())) {
                // A named host: the monitor reports the numeric address, so find the flow by its listener.
                for (StreamKey k : traffic.capture().streams()) {
                    if (k.udp() && k.id() == key.id()) {
                        key = k;
                        s.streamProperty().set(k);
                        break;
                    }
                }
            }
            traffic.show(key);
        }
        traffic.pulse();
    }

    /** The session list, for tests. */
    ListView<ClientSession> sessionList() { return list; }

    /** The traffic shown, for tests. */
    public TrafficViewModel traffic() { return traffic; }

    /** The tool. */
    public ClientTool tool() { return tool; }
}
