package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import netmon.engine.builtin.Builtins;
import netmon.engine.defer.Deferred;
import netmon.engine.endpoints.Endpoints;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.client.ClientSession;
import netmon.ui.deferreds.DeferredRow;
import netmon.ui.deferreds.StepInfo;
import netmon.ui.logs.LogRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The inspectors on a real reactor with real sockets on 127.0.0.1 (headless, Monocle). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InspectorsWindowTest {
    SelectReactor reactor;
    Thread loop;
    Inspectors inspectors;
    LogRing log = new LogRing(100);

    @Start
    void start(Stage stage) {
        reactor = new SelectReactor();
        loop = reactor.startThread("test-reactor");
        inspectors = new Inspectors(reactor, Platform::runLater, log);
        inspectors.attach();
        inspectors.start();
        stage.setScene(new Scene(inspectors.node(), 1100, 700));
        stage.show();
    }

    @AfterEach
    void stopReactor() throws Exception {
        Platform.runLater(inspectors::detach);
        reactor.stop();
        loop.join(5000);
    }

    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    int listen(String kind, String endpoint) throws Exception {
        CompletableFuture<ListeningPort> f = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            Deferred<ListeningPort> d = Builtins.isDatagram(kind)
                    ? Endpoints.udpServerFromString(reactor, endpoint).listen(Builtins.udpEchoProtocol())
                    : Endpoints.serverFromString(reactor, endpoint).listen(Builtins.tcpFactory(kind));
            d.addCallbacks(p -> f.complete(p), e -> f.completeExceptionally(e.getValue()));
        });
        return f.get(5, TimeUnit.SECONDS).getHost().port();
    }

    static void setText(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(javafx.scene.control.TextField.class).setText(text));
    }

    /** Chunk boxes on screen in pseudo-class {@code state} (a lookup ignores pseudo-classes). */
    static long chunkBoxes(FxRobot robot, String state) {
        javafx.css.PseudoClass p = javafx.css.PseudoClass.getPseudoClass(state);
        return robot.lookup(".chunk").queryAll().stream().filter(n -> n.getPseudoClassStates().contains(p)).count();
    }

    static String text(Chunk c) { return new String(c.data(), StandardCharsets.UTF_8); }

    @Test
    void bytesSentByARealClientAppearInTheInspectorInOrderWithTheRightDirection(FxRobot robot) throws Exception {
        int port = listen("echo", "tcp:0:interface=127.0.0.1");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            List<String> sent = List.of("hello\n", "\u001b[31mred\u202e\n", "world\r\n");
            for (String m : sent) {
                byte[] b = m.getBytes(StandardCharsets.UTF_8);
                out.write(b);
                assertEquals(m, new String(in.readNBytes(b.length), StandardCharsets.UTF_8)); // one chunk at a time
            }
            waitFor(() -> !inspectors.capture().streams().isEmpty());
            StreamKey key = inspectors.capture().streams().get(0);
            robot.interact(() -> inspectors.showConnection(key.id()));
            TrafficViewModel vm = inspectors.traffic();
            waitFor(() -> vm.chunks().size() >= 6);
            List<Chunk> ch = List.copyOf(vm.chunks());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(Direction.IN, ch.get(2 * i).direction(), "chunk " + 2 * i);
                assertEquals(sent.get(i), text(ch.get(2 * i)));
                assertEquals(Direction.OUT, ch.get(2 * i + 1).direction(), "chunk " + (2 * i + 1));
                assertEquals(sent.get(i), text(ch.get(2 * i + 1)));
            }
            // The cells show direction (pseudo-classes) and escaped, never interpreted, control characters.
            waitFor(() -> chunkBoxes(robot, "in") >= 3 && chunkBoxes(robot, "out") >= 3);
            boolean escaped = robot.lookup(".chunk-bytes").queryAll().stream()
                    .map(n -> ((javafx.scene.control.Label) n).getText())
                    .anyMatch(t -> t.contains("\\e[31mred\\u202E\\n"));
            assertTrue(escaped, "ANSI escape and bidi override shown escaped");
            // Scrolling up pauses follow; new bytes still arrive.
            robot.interact(() -> vm.followProperty().set(true));
            Node list = inspectors.trafficPane().list();
            robot.interact(() -> javafx.event.Event.fireEvent(list, new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                    10, 10, 10, 10, false, false, false, false, false, false, 0, 40, 0, 40,
                    javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0, javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
            assertFalse(vm.followProperty().get(), "scrolling up pauses follow");
            robot.interact(() -> vm.followProperty().set(true));
            robot.clickOn(list).type(javafx.scene.input.KeyCode.PAGE_UP);
            assertFalse(vm.followProperty().get(), "paging up pauses follow");
            out.write("more\n".getBytes(StandardCharsets.US_ASCII));
            in.readNBytes(5);
            waitFor(() -> vm.chunks().size() >= 8);
            assertEquals("more\n", text(vm.chunks().get(7)));
        }
    }

    @Test
    void aChainWithANestedDeferredAndAFailureIsDrawnWithTheRightStepStates(FxRobot robot) throws Exception {
        long[] ids = new long[2];
        @SuppressWarnings("unchecked") Deferred<String>[] inner = new Deferred[1];
        @SuppressWarnings("unchecked") Deferred<String>[] outer = new Deferred[1];
        robot.interact(() -> {
            inspectors.select("Deferreds");
            inner[0] = new Deferred<String>().setLabel("inner lookup");
            outer[0] = new Deferred<String>().setLabel("outer request");
            outer[0].addCallback("fetch", v -> inner[0]);
            outer[0].addCallback("parse", v -> { throw new IllegalStateException("bad reply: " + v); });
            outer[0].addErrback("log and pass on", f -> f);
            outer[0].callback("go");
            ids[0] = outer[0].id();
            ids[1] = inner[0].id();
        });
        waitFor(() -> inspectors.deferreds().row(ids[0]) != null);
        robot.interact(() -> inspectors.deferreds().select(ids[0]));
        waitFor(() -> !robot.lookup(".chain-node.waiting").queryAll().isEmpty());
        assertEquals(2, robot.lookup(".chain-node.pending").queryAll().size(), "parse and log not run yet");
        assertTrue(robot.lookup(".chain-link").queryAll().size() >= 1, "the waiting step links to the inner Deferred");

        robot.interact(() -> inner[0].callback("<xml/>"));
        waitFor(() -> !robot.lookup(".chain-node.result-failed").queryAll().isEmpty());
        List<StepInfo.StepState> states = robot.lookup(".chain-node").queryAll().stream()
                .map(n -> (StepInfo.StepState) n.getProperties().get("step-state")).filter(x -> x != null).toList();
        assertEquals(List.of(StepInfo.StepState.RESUMED, StepInfo.StepState.FAILED_ON_CALLBACK, StepInfo.StepState.FAILED_ON_ERRBACK), states);
        assertEquals(1, robot.lookup(".chain-node.ran-callback").queryAll().size() + robot.lookup(".chain-node.fired-callback").queryAll().size()
                - robot.lookup(".chain-node.ran-callback").queryAll().size(), "fired on the callback path");
        DeferredRow row = inspectors.deferreds().row(ids[0]);
        assertTrue(row.info().unhandled(), "flagged failed and unhandled");
        assertTrue(inspectors.unhandledDeferreds().get() >= 1);

        // Following the link from the inner Deferred's continuation goes back to the outer one.
        robot.interact(() -> inspectors.deferreds().select(ids[1]));
        waitFor(() -> !robot.lookup(".chain-node.continuation").queryAll().isEmpty());
        robot.clickOn(robot.lookup(".chain-link").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ids[0], inspectors.deferreds().selectedProperty().get().id());
        robot.interact(() -> outer[0].addErrback(f -> null)); // leave the process-wide unhandled count as found
    }

    static Object parseReply(Object v) {
        throw new IllegalStateException("bad reply: " + v);
    }

    @Test
    void aFailedChainShowsTheFailuresOriginalStackAsSelectableText(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked") Deferred<Object>[] d = new Deferred[1];
        robot.interact(() -> {
            inspectors.select("Deferreds");
            d[0] = new Deferred<Object>().setLabel("request with a bad reply");
            d[0].addCallback("parse", InspectorsWindowTest::parseReply);
            d[0].addErrback("log and pass on", f -> f);
            d[0].callback("<html>");
        });
        waitFor(() -> inspectors.deferreds().row(d[0].id()) != null);
        robot.interact(() -> inspectors.deferreds().select(d[0].id()));
        waitFor(() -> !robot.lookup(".chain-node.result-failed").queryAll().isEmpty());
        javafx.scene.control.TextArea end = robot.lookup(".chain-node.result-failed .chain-stack")
                .queryAs(javafx.scene.control.TextArea.class);
        assertTrue(end.getText().startsWith("java.lang.IllegalStateException: bad reply: <html>"), end.getText());
        assertTrue(end.getText().contains("InspectorsWindowTest.parseReply("), "the frame that threw: " + end.getText());
        assertTrue(end.isVisible(), "open where the chain ended");
        assertFalse(end.isEditable());
        robot.interact(end::selectAll);
        assertEquals(end.getText(), end.getSelectedText(), "selectable, so copyable");
        javafx.scene.control.TitledPane atStep = robot.lookup(".chain-node.failed .chain-stack-pane")
                .queryAs(javafx.scene.control.TitledPane.class);
        assertFalse(atStep.isExpanded(), "folded on the step it arose in");
        assertEquals(1, robot.lookup(".chain-node.failed .chain-stack-pane").queryAll().size(),
                "only the step that raised it carries a stack, not the errback that passed it on");
        robot.interact(() -> d[0].addErrback(f -> null));
    }

    @Test
    void theClientToolTalksToTheAppsOwnEchoListenerAndShowsTheReply(FxRobot robot) throws Exception {
        int port = listen("echo", "tcp:0:interface=127.0.0.1");
        robot.interact(() -> inspectors.select("Client"));
        setText(robot, "#client-target", "127.0.0.1:" + port);
        robot.clickOn("#client-connect");
        waitFor(() -> !inspectors.clientTool().sessions().isEmpty()
                && inspectors.clientTool().sessions().get(0).stateProperty().get() == ClientSession.State.CONNECTED);
        robot.interact(() -> robot.lookup("#client-sessions").queryAs(ListView.class).getSelectionModel().select(0));
        robot.clickOn("#client-payload").write("ping");
        robot.clickOn("#client-send");
        TrafficViewModel vm = inspectors.clientPane().traffic();
        waitFor(() -> vm.chunks().size() >= 2);
        assertEquals(Direction.OUT, vm.chunks().get(0).direction());
        assertEquals("ping\r\n", text(vm.chunks().get(0)));
        assertEquals(Direction.IN, vm.chunks().get(1).direction());
        assertEquals("ping\r\n", text(vm.chunks().get(1)), "the echo's reply");

        // UDP: a second session to the udp-echo listener, hex payload.
        int udpPort = listen("udp-echo", "udp:0:interface=127.0.0.1");
        robot.interact(() -> robot.lookup("#client-proto").queryAs(javafx.scene.control.ChoiceBox.class).setValue("UDP"));
        setText(robot, "#client-target", "127.0.0.1:" + udpPort);
        robot.clickOn("#client-connect");
        waitFor(() -> inspectors.clientTool().sessions().size() == 2
                && inspectors.clientTool().sessions().get(1).stateProperty().get() == ClientSession.State.CONNECTED);
        robot.interact(() -> {
            robot.lookup("#client-sessions").queryAs(ListView.class).getSelectionModel().select(1);
            robot.lookup("#client-payload-mode").queryAs(javafx.scene.control.ChoiceBox.class).setValue("Hex");
        });
        robot.clickOn("#client-payload").write("de ad be ef");
        robot.clickOn("#client-send");
        waitFor(() -> vm.chunks().size() >= 2 && vm.streamProperty().get() != null && vm.streamProperty().get().udp());
        assertEquals(Direction.OUT, vm.chunks().get(0).direction());
        assertEquals(Direction.IN, vm.chunks().get(1).direction());
        assertEquals(List.of((byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef),
                List.of(vm.chunks().get(1).data()[0], vm.chunks().get(1).data()[1], vm.chunks().get(1).data()[2], vm.chunks().get(1).data()[3]));
        assertEquals(2, inspectors.clientTool().sessions().size(), "several sessions at once");
        assertEquals(ClientSession.State.CONNECTED, inspectors.clientTool().sessions().get(0).stateProperty().get());
    }

    @Test
    void aConnectToAClosedPortFailsWithTheReasonShown(FxRobot robot) throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        robot.interact(() -> inspectors.select("Client"));
        setText(robot, "#client-target", "127.0.0.1:" + port);
        robot.clickOn("#client-connect");
        waitFor(() -> !inspectors.clientTool().sessions().isEmpty()
                && inspectors.clientTool().sessions().get(0).stateProperty().get() == ClientSession.State.FAILED);
        assertTrue(inspectors.clientTool().sessions().get(0).statusProperty().get().startsWith("failed"));
        setText(robot, "#client-target", "nonsense");
        robot.clickOn("#client-connect");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("expected host:port, e.g. 127.0.0.1:7000", robot.lookup("#client-message").queryLabeled().getText());
    }
}
