package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import netmon.engine.builtin.Builtins;
import netmon.engine.endpoints.TCP4ServerEndpoint;
import netmon.engine.reactor.SelectReactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Export capture… end to end, headless: a real echo listener on the reactor, a real client's bytes, the
 * inspectors' one capture store exported without the dialog and read back by tshark.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CaptureExportTest {
    @TempDir Path dir;
    SelectReactor reactor;
    Thread loop;
    Inspectors ins;

    @Start
    void start(Stage stage) {
        reactor = new SelectReactor();
        loop = reactor.startThread("export-test-reactor");
        ins = new Inspectors(reactor, Platform::runLater, null);
        ins.attach();
        stage.setScene(new Scene(ins.node(), 1000, 600));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        Platform.runLater(ins::detach);
        reactor.stop();
        loop.join(5000);
    }

    int listenEcho() throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        reactor.callFromThread(() -> new TCP4ServerEndpoint(reactor, 0, 50, "127.0.0.1")
                .listen(Builtins.tcpFactory("echo"))
                .addCallbacks(p -> port.complete(p.getHost().port()), f -> port.completeExceptionally(f.getValue())));
        return port.get(10, TimeUnit.SECONDS);
    }

    CaptureExport.Result export(FxRobot robot, Path file) throws Exception {
        CompletableFuture<CompletableFuture<CaptureExport.Result>> started = new CompletableFuture<>();
        robot.interact(() -> started.complete(ins.export().export(file)));
        CaptureExport.Result r = started.get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return r;
    }

    @Test
    void exportWritesTheClientsBytesAndTheEchoAsOneTcpStreamTsharkFollows(FxRobot robot) throws Exception {
        int port = listenEcho();
        byte[] data = new byte[200_000];
        Random rnd = new Random(11);
        rnd.nextBytes(data);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            int sent = 0;
            ByteArrayOutputStream echoed = new ByteArrayOutputStream();
            while (sent < data.length) {
                int n = Math.min(data.length - sent, 1 + rnd.nextInt(20_000));
                out.write(data, sent, n);
                sent += n;
                echoed.writeBytes(in.readNBytes(n));
            }
            assertArrayEquals(data, echoed.toByteArray());
        }
        // The close reaches the recorder: the export then ends the stream with a FIN.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () ->
                ins.recorder().snapshot().connections().stream().anyMatch(c -> c.isClosed()));

        Path file = dir.resolve("gui.pcapng");
        CaptureExport.Result r = export(robot, file);
        assertTrue(r.ok(), r.message());
        assertEquals(file, r.file());
        assertEquals("Exported " + String.format("%,d", r.packets()) + " packets to " + file, r.message());
        Label notice = robot.lookup("#traffic-export-notice").queryAs(Label.class);
        assertEquals(r.message(), notice.getText());
        assertTrue(notice.isVisible());

        Followed f = followTcp(file, 0);
        assertEquals("127.0.0.1:" + port, f.node1());
        assertArrayEquals(data, f.fromClient(), "the client's bytes, in order");
        assertArrayEquals(data, f.fromServer(), "the echo, in order");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        assertEquals(r.packets(), tshark(file).lines().count(), "the notice counts the packets tshark reads");
    }

    @Test
    void aFailedExportSaysWhyAndLeavesNoFile(FxRobot robot) throws Exception {
        Path file = dir.resolve("missing-dir").resolve("x.pcapng");
        CaptureExport.Result r = export(robot, file);
        assertFalse(r.ok());
        assertTrue(r.message().startsWith("Export to " + file + " failed: "), r.message());
        Label notice = robot.lookup("#traffic-export-notice").queryAs(Label.class);
        assertEquals(r.message(), notice.getText());
        assertTrue(notice.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("failed")));
        assertFalse(Files.exists(file));
    }

    @Test
    void theDialogSuggestsATimestampedPcapngNameAndTheExtensionIsAdded() {
        assertEquals("netmon-20261122-230501.pcapng", CaptureExport.defaultName(LocalDateTime.of(2026, 11, 22, 23, 5, 1)));
        assertEquals(Path.of("/tmp/a.pcapng"), CaptureExport.withExtension(Path.of("/tmp/a")));
        assertEquals(Path.of("/tmp/b.PCAPNG"), CaptureExport.withExtension(Path.of("/tmp/b.PCAPNG")));
    }

    @Test
    void theExportButtonAndCtrlEAreThere(FxRobot robot) {
        assertNotNull(robot.lookup("#traffic-export").query());
        assertTrue(robot.lookup("#traffic-export").query().getScene().getAccelerators().containsKey(CaptureExport.KEY));
    }

    // ---- tshark

    record Followed(String node0, String node1, byte[] fromClient, byte[] fromServer) {}

    static String tshark(Path file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit status for " + cmd);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** {@code tshark -q -z follow,tcp,raw,N}: lines indented with a tab came from node 1 (the server). */
    static Followed followTcp(Path file, int stream) throws IOException, InterruptedException {
        String out = tshark(file, "-q", "-z", "follow,tcp,raw," + stream);
        ByteArrayOutputStream client = new ByteArrayOutputStream(), server = new ByteArrayOutputStream();
        String node0 = null, node1 = null;
        boolean body = false;
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("=====")) {
                if (body) break;
                continue;
            }
            if (line.startsWith("Node 0: ")) {
                node0 = line.substring(8).trim();
                body = true;
            } else if (line.startsWith("Node 1: ")) {
                node1 = line.substring(8).trim();
            } else if (body && !line.isBlank()) {
                (line.startsWith("\t") ? server : client).writeBytes(HexFormat.of().parseHex(line.trim()));
            }
        }
        assertNotNull(node0, "no stream " + stream + " in tshark's output:\n" + out);
        return new Followed(node0, node1, client.toByteArray(), server.toByteArray());
    }
}
