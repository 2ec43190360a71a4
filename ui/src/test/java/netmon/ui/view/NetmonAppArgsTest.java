package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import netmon.ui.bridge.FxEventBridge;
import netmon.ui.model.ServiceRow;
import netmon.ui.model.ServicesViewModel;
import netmon.ui.settings.ListenerSpec;
import org.junit.jupiter.api.Test;

class NetmonAppArgsTest {
    @Test
    void listenerArgumentsStartRowsAndPrintTheHeadlessContractLines() {
        ServicesViewModel services = new ServicesViewModel(new ScriptedEngine(new FxEventBridge()), () -> 0);
        services.add("echo", "tcp:7000");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        NetmonApp.Context c = new NetmonApp.Context(null, List.of("echo=tcp:7000", "udp-echo=udp:0", "bogus", "telnet=tcp:23", "chat=tcp:abc"),
                null, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), 0);
        NetmonApp.startFromArgs(services, c);
        assertEquals("listening echo tcp 127.0.0.1:7000\nlistening udp-echo udp 127.0.0.1:40000\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("""
                error: bogus: expected NAME=ENDPOINT, e.g. echo=tcp:7000
                error: telnet=tcp:23: unknown service 'telnet' (expected echo, chat, udp-echo)
                error: chat=tcp:abc: bad endpoint 'tcp:abc': port must be a number 0-65535, got 'abc'
                """, err.toString(StandardCharsets.UTF_8));
        assertEquals(3, services.rows().size(), "the existing echo row was reused; chat got a row showing its error");
    }

    @Test
    void listenersFromTheCommandLineAreNotSavedUnlessTheUserChangesThem() {
        ServicesViewModel services = new ServicesViewModel(new ScriptedEngine(new FxEventBridge()), () -> 0);
        services.add("echo", "tcp:7000");
        NetmonApp.Context c = new NetmonApp.Context(null, List.of("echo=tcp:7000", "echo=tcp:9000", "chat=tcp:9001", "udp-echo=udp:9002"),
                null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 0);
        NetmonApp.startFromArgs(services, c);
        assertEquals(4, services.rows().size());
        assertEquals(List.of(new ListenerSpec("echo", "tcp:7000")), services.specs(),
                "the user's own row (reused by echo=tcp:7000) is saved; rows made for arguments are not");

        ServiceRow chat = services.rows().get(2);
        ServiceRow udp = services.rows().get(3);
        services.setMaxConnections(chat, 50);
        udp.capturedProperty().set(false);
        assertEquals(List.of(new ListenerSpec("echo", "tcp:7000"), new ListenerSpec("chat", "tcp:9001", 50, true),
                new ListenerSpec("udp-echo", "udp:9002", ListenerSpec.DEFAULT_MAX_CONNECTIONS, false)), services.specs(),
                "changing a command-line row's limits makes it the user's");
        assertTrue(services.rows().get(1).isFromCommandLine());
    }
}
