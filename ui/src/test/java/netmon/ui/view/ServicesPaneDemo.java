package netmon.ui.view;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import netmon.engine.reactor.SelectReactor;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.engine.ReactorEngineCommands;
import netmon.ui.logs.LogCapture;
import netmon.ui.model.ConnectionsViewModel;
import netmon.ui.model.Dashboard;
import netmon.ui.model.ServiceRow;
import netmon.ui.model.ServicesViewModel;
import netmon.ui.model.StatusViewModel;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;
import netmon.ui.traffic.Inspectors;

/**
 * The real main window (inspectors attached) with five listeners, a capped one refusing a client and one
 * with capture off; writes {@code services-WxH.png} and {@code services-options-WxH.png} (the options editor
 * open) and {@code budget-dialog-WxH.png} to the folder given first, at the size given next. Not a test: a tool for looking at the window
 * (run under Xvfb, see {@link Launcher}).
 */
public final class ServicesPaneDemo extends Application {
    static Path outDir;
    static double width;
    static double height;
    static String theme = "light";
    final List<Socket> clients = new ArrayList<>();

    /** Starts the demo from a class that does not extend Application: {@code OUTDIR WIDTH HEIGHT [light|dark]}. */
    public static final class Launcher {
        private Launcher() {}

        public static void main(String[] args) {
            outDir = Path.of(args[0]);
            width = Double.parseDouble(args[1]);
            height = Double.parseDouble(args[2]);
            if (args.length > 3) theme = args[3];
            Application.launch(ServicesPaneDemo.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        SelectReactor reactor = new SelectReactor();
        reactor.startThread("demo-reactor");
        FxEventBridge bridge = new FxEventBridge();
        reactor.monitor().add(bridge);
        ReactorEngineCommands engine = new ReactorEngineCommands(reactor, Platform::runLater);
        Dashboard d = new Dashboard(bridge, new ServicesViewModel(engine, System::currentTimeMillis), new ConnectionsViewModel(), new StatusViewModel());
        Settings s = Settings.defaults(List.of(new ListenerSpec("echo", "tcp:0"), new ListenerSpec("chat", "tcp:0"),
                new ListenerSpec("udp-echo", "udp:0"), new ListenerSpec("echo", "tcp:0", 2, true),
                new ListenerSpec("chat", "tcp:7999:interface=0.0.0.0", 10_000, false))).withWindow(width, height, 0, 0, false).withTheme(theme);
        MainWindow window = new MainWindow(d, engine, s, null);
        Inspectors ins = new Inspectors(reactor, Platform::runLater, LogCapture.install(1000));
        ins.attach();
        window.attachInspectors(ins);
        window.show(stage);
        List<ServiceRow> rows = List.copyOf(d.services().rows());
        for (int i = 0; i < 4; i++) d.services().switchOn(rows.get(i));
        String tag = (int) width + "x" + (int) height + ("dark".equals(theme) ? "-dark" : "");
        after(1.5, () -> {
            int echo = rows.get(0).handle().host().port(), chat = rows.get(1).handle().host().port(), capped = rows.get(3).handle().host().port();
            connect(echo, "hello\n", 3);
            connect(chat, "hi all\n", 2);
            connect(capped, "x\n", 3);
        });
        after(6.0, () -> shot(stage, "services-" + tag));
        after(6.5, () -> window.controller().toggleOptions(rows.get(3)));
        after(7.2, () -> shot(stage, "services-options-" + tag));
        javafx.scene.control.Dialog<?>[] budget = new javafx.scene.control.Dialog<?>[1];
        after(7.4, () -> {
            budget[0] = window.controller().budgetDialog();
            budget[0].show();
        });
        after(8.2, () -> {
            try {
                System.out.println("wrote " + Snapshots.write(budget[0].getDialogPane().getScene(), outDir.resolve("budget-dialog-" + tag + ".png")));
            } catch (IOException e) {
                System.err.println("screenshot failed: " + e);
            }
            budget[0].close();
        });
        after(8.5, () -> {
            for (Socket c : clients) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            reactor.stop();
            Platform.exit();
        });
    }

    void connect(int port, String text, int n) {
        for (int i = 0; i < n; i++) {
            try {
                Socket c = new Socket("127.0.0.1", port);
                clients.add(c);
                OutputStream out = c.getOutputStream();
                if (i < 2) out.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                System.err.println("demo client: " + e);
            }
        }
    }

    static void after(double seconds, Runnable r) {
        PauseTransition p = new PauseTransition(Duration.seconds(seconds));
        p.setOnFinished(e -> r.run());
        p.play();
    }

    static void shot(Stage stage, String name) {
        try {
            System.out.println("wrote " + Snapshots.write(stage.getScene(), outDir.resolve(name + ".png")));
        } catch (IOException e) {
            System.err.println("screenshot failed: " + e);
        }
    }
}
