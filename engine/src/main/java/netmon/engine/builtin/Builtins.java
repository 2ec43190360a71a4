package netmon.engine.builtin;

import java.util.List;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.Protocol;

/**
 * The built-in services of the headless contract (DESIGN.md): {@code echo}, {@code chat} (TCP) and
 * {@code udp-echo} (UDP).
 */
public final class Builtins {
    /** The names the command line and the UI accept. */
    public static final List<String> NAMES = List.of("echo", "chat", "udp-echo");

    private Builtins() {}

    /** True for services that listen on UDP. */
    public static boolean isDatagram(String name) { return "udp-echo".equals(name); }

    /** A factory of echo protocols: every byte received is written back unchanged. logPrefix "echo". */
    public static Factory echoFactory() {
        return new Factory() {
            @Override
            public Protocol buildProtocol(Address addr) {
                EchoProtocol p = new EchoProtocol();
                p.setFactory(this);
                return p;
            }

            @Override
            public String logPrefix() { return "echo"; }
        };
    }

    /** A chat factory: each line goes to every client as {@code <IP:PORT> TEXT\r\n}. logPrefix "chat". */
    public static Factory chatFactory() { return new ChatFactory(); }

    /** A UDP echo protocol: each datagram back to its source. logPrefix "udp-echo". */
    public static DatagramProtocol udpEchoProtocol() { return new UdpEchoProtocol(); }

    /** The TCP factory for {@code name} ("echo" or "chat"). */
    public static Factory tcpFactory(String name) {
        return switch (name) {
            case "echo" -> echoFactory();
            case "chat" -> chatFactory();
            default -> throw new IllegalArgumentException("unknown TCP service '" + name + "' (expected echo or chat)");
        };
    }
}
