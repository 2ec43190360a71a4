package netmon.engine.builtin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Protocol;
import netmon.engine.protocol.Factory;

/**
 * The {@code chat} service's factory: builds a {@link ChatProtocol} per connection and keeps the
 * connected clients in connection order, so a line can be sent to all of them. Reactor thread only.
 */
public class ChatFactory extends Factory {
    private final Set<ChatProtocol> clients = new LinkedHashSet<>();
    /** {@link #clients} as an array, rebuilt after a join or leave. */
    private ChatProtocol[] snapshot;

    @Override
    public Protocol buildProtocol(Address addr) {
        ChatProtocol p = new ChatProtocol();
        p.setFactory(this);
        return p;
    }

    @Override
    public String logPrefix() { return "chat"; }

    /** The connected clients, in the order they connected (a snapshot). */
    public List<ChatProtocol> clients() { return Collections.unmodifiableList(new ArrayList<>(clients)); }

    void join(ChatProtocol client) {
        clients.add(client);
        snapshot = null;
    }

    void leave(ChatProtocol client) {
        clients.remove(client);
        snapshot = null;
    }

    /**
     * Writes {@code message} to every client still connected, except {@code skip} (may be null). The
     * same array goes to every transport: it is built once and never changed.
     */
    void broadcast(byte[] message, ChatProtocol skip) {
        // Iterate a cached array: a write that ends a connection synchronously may call leave() meanwhile.
        ChatProtocol[] all = snapshot;
        if (all == null) snapshot = all = clients.toArray(new ChatProtocol[0]);
        for (ChatProtocol c : all) {
            if (c != skip) c.deliver(message);
        }
    }
}
