package netmon.engine.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netmon.engine.protocol.Factory;
import netmon.engine.protocol.Protocol;
import netmon.engine.testing.IOPump;
import org.junit.jupiter.api.Test;

class BuiltinsTest {
    @Test
    void factoriesAreFreshAndNamedForTheirService() {
        assertNotSame(Builtins.echoFactory(), Builtins.echoFactory());
        assertNotSame(Builtins.chatFactory(), Builtins.chatFactory());
        assertEquals("echo", Builtins.echoFactory().logPrefix());
        assertEquals("chat", Builtins.chatFactory().logPrefix());
        assertEquals("echo", Builtins.tcpFactory("echo").logPrefix());
        assertEquals("chat", Builtins.tcpFactory("chat").logPrefix());
        assertThrows(IllegalArgumentException.class, () -> Builtins.tcpFactory("udp-echo"));
        assertTrue(Builtins.isDatagram("udp-echo"));
    }

    @Test
    void builtProtocolsKnowTheirFactory() {
        Factory echo = Builtins.echoFactory();
        Protocol e = echo.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        assertInstanceOf(EchoProtocol.class, e);
        assertSame(echo, e.getFactory());
        assertNotSame(e, echo.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS));
        Factory chat = Builtins.chatFactory();
        Protocol c = chat.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        assertInstanceOf(ChatProtocol.class, c);
        assertSame(chat, c.getFactory());
    }
}
