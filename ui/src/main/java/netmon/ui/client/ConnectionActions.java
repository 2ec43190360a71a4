package netmon.ui.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import netmon.engine.defer.Deferred;
import netmon.engine.protocol.Transport;
import netmon.engine.reactor.Reactor;

/**
 * What the user can do to a chat or echo listener's client from its connection row: send it text, send
 * text to every client of the same listener (broadcast), or disconnect it. Each action crosses into the
 * engine with {@code callFromThread}, finds the transport through a {@link TransportLookup} and writes on
 * the reactor thread; its result comes back as a Deferred fired through {@code fx} (the FX thread's
 * executor): the number of clients written to (0 if the connection is gone).
 *
 * <p>What is written: on a {@code chat} connection the text goes as a server notice, {@code * TEXT\r\n},
 * the chat protocol's own form for lines from the server (joins, leaves), which chat clients already tell
 * apart from {@code <IP:PORT> TEXT} lines; on an {@code echo} connection the text goes as it is, followed by
 * {@code \r\n}, since echo has no framing of its own. Called on any thread; usually the FX thread.
 */
public final class ConnectionActions {
    /** The chat protocol's notice prefix. */
    public static final String NOTICE_PREFIX = "* ";

    private final Reactor reactor;
    private final TransportLookup lookup;
    private final Executor fx;

    /** Actions on {@code reactor}'s connections found through {@code lookup}; results delivered through {@code fx}. */
    public ConnectionActions(Reactor reactor, TransportLookup lookup, Executor fx) {
        this.reactor = reactor;
        this.lookup = lookup;
        this.fx = fx;
    }

    /** True for the services whose rows offer these actions: the built-in chat and echo. */
    public static boolean supports(String service) {
        return "chat".equals(service) || "echo".equals(service);
    }

    /** The bytes {@code text} becomes on a {@code service} connection (see the class comment). */
    public static byte[] wire(String service, String text) {
        String line = text.replace("\r", "").replace("\n", " ");
        return (("chat".equals(service) ? NOTICE_PREFIX : "") + line + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code text} to connection {@code connectionId}; fires 1, or 0 if it is gone. */
    public Deferred<Integer> send(long connectionId, String service, String text) {
        byte[] data = wire(service, text);
        return onReactor(() -> {
            Transport t = lookup.transport(connectionId);
            return write(t == null ? List.of() : List.of(t), data);
        });
    }

    /**
     * Sends {@code text} to every open client of the listener that accepted {@code connectionId}, that one
     * included; fires how many were written to.
     */
    public Deferred<Integer> broadcast(long connectionId, String service, String text) {
        byte[] data = wire(service, text);
        return onReactor(() -> write(lookup.siblings(connectionId), data));
    }

    /** Closes connection {@code connectionId} cleanly (loseConnection: what is buffered is sent, then FIN); fires 1, or 0 if gone. */
    public Deferred<Integer> disconnect(long connectionId) {
        return onReactor(() -> {
            Transport t = lookup.transport(connectionId);
            if (t == null || t.isDisconnecting()) return 0;
            t.loseConnection();
            return 1;
        });
    }

    private static int write(List<Transport> to, byte[] data) {
        int n = 0;
        for (Transport t : to) {
            if (t.isDisconnecting()) continue;
            // Each transport queues the buffer it is given: one wrapper each over the same read-only bytes.
            t.write(ByteBuffer.wrap(data));
            n++;
        }
        return n;
    }

    private Deferred<Integer> onReactor(java.util.function.Supplier<Integer> action) {
        Deferred<Integer> result = new Deferred<>();
        reactor.callFromThread(() -> {
            assert reactor.isReactorThread();
            try {
                int n = action.get();
                fx.execute(() -> result.callback(n));
            } catch (RuntimeException e) {
                fx.execute(() -> result.errback(e));
            }
        });
        return result;
    }

    /** {@code 1 client}, {@code 3 clients}: a result count for a notice. */
    public static String clients(int n) {
        return n == 1 ? "1 client" : n + " clients";
    }
}
