package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netmon.engine.builtin.EchoProtocol;
import netmon.engine.reactor.internal.TcpPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The system property that replaces the per-listener connection cap's default (for big idle-connection counts). */
@Timeout(20)
class ConnectionCapPropertyTest {
    private final ReactorFixture fx = new ReactorFixture();

    @AfterEach
    void tearDown() throws Exception {
        System.clearProperty(TcpPort.MAX_CONNECTIONS_PROPERTY);
        fx.close();
    }

    @Test
    void thePropertyReplacesTheDefaultCapOfListenersMadeAfterIt() {
        System.setProperty(TcpPort.MAX_CONNECTIONS_PROPERTY, "50000");
        TcpPort p = (TcpPort) fx.listen(EchoProtocol::new);
        assertEquals(50_000, fx.on(p::maxConnections));
    }

    @Test
    void anUnusableValueLeavesTheDefault() {
        System.setProperty(TcpPort.MAX_CONNECTIONS_PROPERTY, "0");
        TcpPort p = (TcpPort) fx.listen(EchoProtocol::new);
        assertEquals(TcpPort.DEFAULT_MAX_CONNECTIONS, fx.on(p::maxConnections));
    }
}
