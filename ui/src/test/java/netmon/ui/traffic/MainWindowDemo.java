package netmon.ui.traffic;

import java.io.File;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Deferreds;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.engine.ReactorEngineCommands;
import netmon.ui.logs.LogCapture;
import netmon.ui.logs.LogRing;
import netmon.ui.model.ConnectionRow;
import netmon.ui.model.ConnectionsViewModel;
import netmon.ui.model.Dashboard;
import netmon.ui.model.ServiceRow;
import netmon.ui.model.ServicesViewModel;
import netmon.ui.model.StatusViewModel;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import netmon.ui.view.MainWindow;

/**
 * The real main window with the inspectors under the connections table, real listeners and real clients;
 * writes screenshots of each inspector tab to the folder given as the first argument (run under Xvfb).
 * Not a test: a tool for looking at the window.
 */
public final class MainWindowDemo extends Application {
    static File outDir;
    SelectReactor reactor;

    public static void main(String[] args) {
        outDir = new File(args.length > 0 ? args[0] : "target/shots");
        outDir.mkdirs();
        InspectorsDemo.outDir = outDir;
        Application.launch(MainWindowDemo.class, args);
    }

    /** Starts {@link MainWindowDemo} from a class that does not extend Application. */
    public static final class Launcher {
        private Launcher() {}

        public static void main(String[] args) { MainWindowDemo.main(args); }
    }

    @Override
    public void start(Stage stage) {
        LogRing log = LogCapture.install(5000);
        reactor = new SelectReactor();
        reactor.startThread("demo-reactor");
        Deferreds.setDebugging(true);
        FxEventBridge bridge = new FxEventBridge();
        reactor.monitor().add(bridge);
        ReactorEngineCommands engine = new ReactorEngineCommands(reactor, Platform::runLater);
        Dashboard d = new Dashboard(bridge, new ServicesViewModel(engine, System::currentTimeMillis), new ConnectionsViewModel(), new StatusViewModel());
        Settings s = Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"), new ListenerSpec("chat", "tcp:0"),
                new ListenerSpec("udp-echo", "udp:0"))).withWindow(1600, 1000, Double.NaN, Double.NaN, false);
        MainWindow window = new MainWindow(d, engine, s, null);
        Inspectors ins = new Inspectors(reactor, Platform::runLater, log);
        ins.attach();
        window.attachInspectors(ins);
        window.attachConnectionActions(new netmon.ui.client.ConnectionActions(reactor, engine, Platform::runLater));
        window.show(stage);
        List<ServiceRow> rows = List.copyOf(d.services().rows());
        for (ServiceRow r : rows) d.services().switchOn(r);

        Deferred<String> inner = new Deferred<String>().setLabel("dns lookup example.net");
        Deferred<String> outer = new Deferred<String>().setLabel("fetch /status");
        outer.addCallback("resolve", v -> inner);
        outer.addCallback("parse status", v -> { throw new IllegalStateException("unexpected reply: " + v); });
        outer.addErrback("log failure", f -> f);
        outer.callback("example.net");
        new Deferred<String>().setLabel("wait for peer hello").addCallback("greet", v -> v);

        int[] ports = new int[3];
        ConnectionRow[] conn = new ConnectionRow[1];
        InspectorsDemo.steps(
                InspectorsDemo.step(2.0, () -> {
                    for (int i = 0; i < 3; i++) ports[i] = rows.get(i).handle().host().port();
                    inner.callback("93.184.216.34");
                    startClients(ports);
                }),
                InspectorsDemo.step(2.5, () -> {
                    TableView<?> table = (TableView<?>) stage.getScene().lookup(".connections-table");
                    for (ConnectionRow r : d.connections().rows()) {
                        if (r.service().equals("echo") && conn[0] == null) conn[0] = r;
                    }
                    ((TableView<ConnectionRow>) table).getSelectionModel().select(conn[0]);
                    ins.select("Traffic");
                }),
                InspectorsDemo.step(1.0, () -> {
                    ins.traffic().followProperty().set(false);
                    ins.trafficPane().list().scrollTo(0);
                    ins.trafficPane().list().getSelectionModel().select(0);
                }),
                InspectorsDemo.step(0.8, () -> InspectorsDemo.shot(stage.getScene(), "traffic")),
                InspectorsDemo.step(0.2, () -> ins.export().export(new File(outDir, "netmon-demo.pcapng").toPath())),
                InspectorsDemo.step(1.5, () -> InspectorsDemo.shot(stage.getScene(), "export")),
                InspectorsDemo.step(0.2, () -> {
                    for (ConnectionRow r : d.connections().rows()) {
                        if (r.service().equals("chat") && !r.isClosed()) {
                            ((TableView<ConnectionRow>) stage.getScene().lookup(".connections-table")).getSelectionModel().select(r);
                            break;
                        }
                    }
                }),
                InspectorsDemo.step(0.5, () -> {
                    TableView<?> table = (TableView<?>) stage.getScene().lookup(".connections-table");
                    javafx.geometry.Bounds b = table.localToScreen(table.getBoundsInLocal());
                    table.getContextMenu().show(table, b.getMinX() + 260, b.getMinY() + 60);
                }),
                InspectorsDemo.step(0.8, () -> rootShot("context-menu")),
                InspectorsDemo.step(0.2, () -> {
                    ((TableView<?>) stage.getScene().lookup(".connections-table")).getContextMenu().hide();
                    ins.select("Deferreds");
                    ins.deferreds().select(outer.id());
                }),
                InspectorsDemo.step(0.6, () -> {
                    javafx.scene.control.ScrollPane chain = ins.deferredsPane().chain();
                    chain.setVvalue(chain.getVmax());
                }),
                InspectorsDemo.step(0.8, () -> InspectorsDemo.shot(stage.getScene(), "deferreds")),
                InspectorsDemo.step(0.2, () -> {
                    ins.select("Client");
                    ins.clientTool().connect(false, "127.0.0.1:" + ports[0], 5, false, 0).addCallback(cs -> {
                        ins.clientTool().send(cs, "HELO netmon.test\r\n".getBytes(StandardCharsets.US_ASCII))
                                .addCallback(n -> ins.clientTool().send(cs, "PING 1\r\n".getBytes(StandardCharsets.US_ASCII)));
                        return null;
                    });
                    ins.clientTool().connect(true, "127.0.0.1:" + ports[2], 5, false, 0);
                }),
                InspectorsDemo.step(1.5, () -> ((javafx.scene.control.ListView<?>) stage.getScene().lookup("#client-sessions")).getSelectionModel().select(0)),
                InspectorsDemo.step(1.0, () -> InspectorsDemo.shot(stage.getScene(), "client")),
                InspectorsDemo.step(6, () -> ins.select("Throughput")),
                InspectorsDemo.step(1, () -> InspectorsDemo.shot(stage.getScene(), "throughput")),
                InspectorsDemo.step(0.2, () -> ins.select("Log")),
                InspectorsDemo.step(0.8, () -> InspectorsDemo.shot(stage.getScene(), "log")),
                InspectorsDemo.step(0.2, () -> {
                    outer.addErrback(f -> null);
                    reactor.stop();
                    Platform.exit();
                }));
    }

    /** The whole X screen (popups included, which a scene snapshot leaves out), with ImageMagick's import. */
    static void rootShot(String name) {
        try {
            new ProcessBuilder("import", "-window", "root", new File(outDir, "screenshot-" + name + ".png").getPath())
                    .inheritIO().start().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("no root screenshot: " + e);
        }
    }

    static void startClients(int[] ports) {
        Thread t = new Thread(() -> {
            try (Socket s = new Socket("127.0.0.1", ports[0]); Socket c1 = new Socket("127.0.0.1", ports[1]);
                 Socket c2 = new Socket("127.0.0.1", ports[1]); DatagramSocket u = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                String[] msgs = {"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: probe/1.0\r\n\r\n",
                        "\u001b[1;31mALERT\u001b[0m disk 93% full\n", "invoice\u202Efdp.exe\n", "héllo wörld ✓\n"};
                for (String m : msgs) {
                    byte[] b = m.getBytes(StandardCharsets.UTF_8);
                    out.write(b);
                    s.getInputStream().readNBytes(b.length);
                    Thread.sleep(200);
                }
                c1.getOutputStream().write("hi all\n".getBytes(StandardCharsets.US_ASCII));
                c2.getOutputStream().write("hello from c2\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 300; i++) {
                    byte[] b = ("tick " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                    out.write(b);
                    s.getInputStream().readNBytes(b.length);
                    byte[] q = ("ping " + i).getBytes(StandardCharsets.US_ASCII);
                    u.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), ports[2]));
                    Thread.sleep(60);
                }
            } catch (Exception e) {
                // the demo is over
            }
        }, "demo-clients");
        t.setDaemon(true);
        t.start();
    }
}
