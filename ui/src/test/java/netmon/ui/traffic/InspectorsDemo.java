package netmon.ui.traffic;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import netmon.engine.builtin.Builtins;
import netmon.engine.defer.Deferred;
import netmon.engine.endpoints.Endpoints;
import netmon.engine.protocol.ListeningPort;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.client.ClientSession;
import netmon.ui.logs.LogCapture;
import netmon.ui.logs.LogRing;

/**
 * Opens the inspectors on a real reactor with real traffic and writes screenshots of each tab to the folder
 * given as the first argument (run under Xvfb). Not a test: a tool for looking at the views.
 */
public final class InspectorsDemo extends Application {
    static SelectReactor reactor;
    static File outDir;

    public static void main(String[] args) throws Exception {
        outDir = new File(args.length > 0 ? args[0] : "target/shots");
        outDir.mkdirs();
        Application.launch(InspectorsDemo.class, args);
    }

    static int listen(String kind, String endpoint) throws Exception {
        CompletableFuture<ListeningPort> f = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            Deferred<ListeningPort> d = Builtins.isDatagram(kind)
                    ? Endpoints.udpServerFromString(reactor, endpoint).listen(Builtins.udpEchoProtocol())
                    : Endpoints.serverFromString(reactor, endpoint).listen(Builtins.tcpFactory(kind));
            d.addCallbacks(p -> f.complete(p), e -> f.completeExceptionally(e.getValue()));
        });
        return f.get(5, TimeUnit.SECONDS).getHost().port();
    }

    @Override
    public void start(Stage stage) throws Exception {
        LogRing log = LogCapture.install(5000);
        reactor = new SelectReactor();
        reactor.startThread("demo-reactor");
        netmon.engine.defer.Deferreds.setDebugging(true); // creation sites in the chain view
        Inspectors ins = new Inspectors(reactor, Platform::runLater, log);
        ins.attach();
        ins.start();
        Scene scene = new Scene(ins.node(), 1280, 720);
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        stage.setScene(scene);
        stage.setTitle("netmon inspectors");
        stage.show();

        int echo = listen("echo", "tcp:0:interface=127.0.0.1");
        int udp = listen("udp-echo", "udp:0:interface=127.0.0.1");
        org.slf4j.LoggerFactory.getLogger("netmon.demo").info("echo on {}, udp-echo on {}", echo, udp);
        org.slf4j.LoggerFactory.getLogger("netmon.demo").warn("a warning for the log pane");
        Thread client = new Thread(() -> {
            try (Socket s = new Socket("127.0.0.1", echo)) {
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                String[] msgs = {"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: probe/1.0\r\n\r\n",
                        "\u001b[1;31mALERT\u001b[0m disk 93% full\n", "invoice\u202Efdp.exe\n", "héllo wörld ✓\n"};
                for (String m : msgs) {
                    out.write(m.getBytes(StandardCharsets.UTF_8));
                    s.getInputStream().readNBytes(m.getBytes(StandardCharsets.UTF_8).length);
                    Thread.sleep(300);
                }
                byte[] bin = new byte[40];
                for (int i = 0; i < bin.length; i++) bin[i] = (byte) (i * 7);
                out.write(bin);
                s.getInputStream().readNBytes(bin.length);
                for (int i = 0; i < 200; i++) {
                    byte[] b = ("tick " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                    out.write(b);
                    s.getInputStream().readNBytes(b.length);
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // demo over
            }
        }, "demo-client");
        client.setDaemon(true);
        client.start();

        // Deferred chains: a nested one that fails, a cancelled one, a pending one.
        Deferred<String> inner = new Deferred<String>().setLabel("dns lookup example.net");
        Deferred<String> outer = new Deferred<String>().setLabel("fetch /status");
        outer.addCallback("resolve", v -> inner);
        outer.addCallback("parse status", v -> { throw new IllegalStateException("unexpected reply: " + v); });
        outer.addErrback("log failure", f -> f);
        outer.callback("example.net");
        Deferred<String> pending = new Deferred<String>().setLabel("wait for peer hello");
        pending.addCallback("greet", v -> v);
        Deferred<String> cancelled = new Deferred<String>().setLabel("slow query");
        cancelled.addErrback("trap cancel", f -> null);
        cancelled.cancel();

        ClientSession[] tcp = new ClientSession[1];
        steps(
                step(1.5, () -> {
                    inner.callback("93.184.216.34");
                    ins.showConnection(ins.capture().streams().get(0).id());
                    ins.clientTool().connect(false, "127.0.0.1:" + echo, 5, false, 0).addCallback(s -> {
                        tcp[0] = s;
                        ins.clientTool().send(s, "HELO netmon.test\r\n".getBytes()).addCallback(n -> ins.clientTool().send(s, "PING 1\r\n".getBytes()));
                        return null;
                    });
                    ins.clientTool().connect(true, "127.0.0.1:" + udp, 5, false, 0).addCallback(s -> ins.clientTool().send(s,
                            new byte[] {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'n', 'e', 't', 0, 0, 1, 0, 1}));
                }),
                step(1.0, () -> ins.clientTool().send(tcp[0], "QUIT\r\n".getBytes())),
                step(1.0, () -> {
                    ins.traffic().followProperty().set(false);
                    ins.trafficPane().list().scrollTo(0);
                    ins.trafficPane().list().getSelectionModel().select(0);
                }),
                step(0.8, () -> shot(scene, "traffic")),
                step(0.2, () -> ins.traffic().modeProperty().set(TrafficViewModel.Mode.HEX)),
                step(0.8, () -> shot(scene, "traffic-hex")),
                step(0.2, () -> {
                    ins.traffic().modeProperty().set(TrafficViewModel.Mode.TEXT);
                    ins.select("Deferreds");
                    ins.deferreds().select(outer.id());
                }),
                step(0.8, () -> shot(scene, "deferreds")),
                step(0.2, () -> {
                    ins.select("Client");
                    ListView<?> l = (ListView<?>) scene.lookup("#client-sessions");
                    l.getSelectionModel().select(0);
                }),
                step(0.8, () -> shot(scene, "client")),
                step(0.2, () -> {
                    ListView<?> l = (ListView<?>) scene.lookup("#client-sessions");
                    l.getSelectionModel().select(1);
                    ins.clientPane().traffic().modeProperty().set(TrafficViewModel.Mode.HEX);
                }),
                step(0.8, () -> shot(scene, "client-udp")),
                step(8, () -> ins.select("Throughput")),
                step(1, () -> shot(scene, "throughput")),
                step(0.2, () -> ins.select("Log")),
                step(0.8, () -> shot(scene, "log")),
                step(0.2, () -> {
                    outer.addErrback(f -> null);
                    reactor.stop();
                    Platform.exit();
                }));
    }

    record Step(double seconds, Runnable action) {}

    static Step step(double seconds, Runnable action) { return new Step(seconds, action); }

    /** Runs each step after its pause, the pause counted from the end of the previous step (no catch-up bursts). */
    static void steps(Step... steps) { run(steps, 0); }

    private static void run(Step[] steps, int i) {
        if (i >= steps.length) return;
        javafx.animation.PauseTransition p = new javafx.animation.PauseTransition(Duration.seconds(steps[i].seconds()));
        p.setOnFinished(e -> {
            steps[i].action().run();
            run(steps, i + 1);
        });
        p.play();
    }

    static void shot(Scene scene, String name) {
        WritableImage img = scene.snapshot(null);
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            img.getPixelReader().getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), line, 0, w);
            out.setRGB(0, y, w, 1, line, 0, w);
        }
        try {
            ImageIO.write(out, "png", new File(outDir, "screenshot-" + name + ".png"));
        } catch (Exception ex) {
            throw new RuntimeException(ex);
        }
    }
}
