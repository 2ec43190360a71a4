package netmon.engine.testing;

import java.util.Arrays;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionAborted;
import netmon.engine.error.ConnectionDone;
import netmon.engine.error.ConnectionLost;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Producer;
import netmon.engine.protocol.Protocol;

/**
 * Connects a server protocol and a client protocol through two in-memory transports and moves bytes
 * between them on demand, like Twisted's {@code iosim.IOPump}: {@code IOPump.connect(server, client)},
 * then {@link #pump()} until nothing more happens. No reactor, no sockets, no threads.
 *
 * <p>It models what a real connection does in the order a real reactor would: a side whose transport
 * is paused ({@code pauseProducing}) or disconnecting reads nothing; {@code loseConnection} completes
 * once that side's written bytes are delivered and no producer is registered, then both protocols get
 * {@code connectionLost(ConnectionDone)}; {@code abortConnection} drops undelivered bytes and ends the
 * connection at once ({@code ConnectionAborted} for the aborting side, {@code ConnectionLost} for the
 * other); {@code loseWriteConnection} delivers a half-close to a {@link HalfCloseableProtocol} peer
 * and ends the connection for any other. Non-streaming producers are asked for more whenever their
 * side's bytes have been delivered. With {@link #setByteAtATime(boolean)} every byte is a separate
 * {@code dataReceived}.
 */
public final class IOPump {
    /** The server's address unless given: what the client's {@code getPeer()} reports. */
    public static final Address DEFAULT_SERVER_ADDRESS = new Address("TCP", "127.0.0.1", 8000);
    /** The client's address unless given: what the server's {@code getPeer()} reports. */
    public static final Address DEFAULT_CLIENT_ADDRESS = new Address("TCP", "127.0.0.1", 50000);

    /** More rounds than this in one {@link #pump()} means the two sides never go quiet. */
    private static final int MAX_ROUNDS = 1_000_000;

    private final Side server;
    private final Side client;
    private boolean byteAtATime;
    private boolean closed;

    private IOPump(Protocol serverProto, Protocol clientProto, Address serverAddr, Address clientAddr) {
        server = new Side(serverProto, new StringTransport(serverAddr, clientAddr));
        client = new Side(clientProto, new StringTransport(clientAddr, serverAddr));
    }

    /** Connects the two protocols with the default addresses: server first, then client. */
    public static IOPump connect(Protocol serverProto, Protocol clientProto) {
        return connect(serverProto, clientProto, DEFAULT_SERVER_ADDRESS, DEFAULT_CLIENT_ADDRESS);
    }

    /** Connects the two protocols with the given addresses: server first, then client. */
    public static IOPump connect(Protocol serverProto, Protocol clientProto, Address serverAddr, Address clientAddr) {
        IOPump pump = new IOPump(serverProto, clientProto, serverAddr, clientAddr);
        pump.server.transport.connect(serverProto);
        pump.client.transport.connect(clientProto);
        return pump;
    }

    /** Delivers every byte as its own {@code dataReceived} when true. Returns this pump. */
    public IOPump setByteAtATime(boolean byteAtATime) {
        this.byteAtATime = byteAtATime;
        return this;
    }

    /** The server protocol's transport. */
    public StringTransport serverTransport() { return server.transport; }

    /** The client protocol's transport. */
    public StringTransport clientTransport() { return client.transport; }

    /** True once both protocols got {@code connectionLost}. */
    public boolean isClosed() { return closed; }

    /**
     * Moves bytes and delivers closes until nothing more happens.
     *
     * @return true if anything happened
     * @throws IllegalStateException if the two sides never go quiet
     */
    public boolean pump() {
        boolean any = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (!pumpOnce()) return any;
            any = true;
        }
        throw new IllegalStateException("IOPump: still busy after " + MAX_ROUNDS + " rounds");
    }

    /** One round: pull producers, bytes both ways, then closes. Returns true if anything happened. */
    public boolean pumpOnce() {
        if (closed) return false;
        boolean progress = false;
        progress |= pullProducer(server);
        progress |= pullProducer(client);
        progress |= transfer(server, client);
        progress |= transfer(client, server);
        progress |= settle(server, client);
        if (!closed) progress |= settle(client, server);
        return progress;
    }

    private boolean pullProducer(Side side) {
        Producer p = side.transport.producer();
        if (p == null || side.transport.isStreaming() || side.hasOutgoing() || side.transport.isAborted()) return false;
        p.resumeProducing();
        return side.hasOutgoing() || side.transport.producer() != p;
    }

    /** Moves {@code from}'s written bytes to {@code to}'s protocol, as far as {@code to} reads. */
    private boolean transfer(Side from, Side to) {
        if (from.transport.isAborted()) return false;
        byte[] written = from.transport.value();
        if (written.length > 0) {
            from.transport.clear();
            from.queue(written);
        }
        boolean moved = false;
        while (from.pendingSize() > 0 && to.reads() && !closed) {
            int n = byteAtATime ? 1 : from.pendingSize();
            byte[] chunk = Arrays.copyOfRange(from.pending, from.pendingStart, from.pendingStart + n);
            from.pendingStart += n;
            moved = true;
            to.protocol.dataReceived(chunk);
        }
        return moved;
    }

    /** Delivers a close or half-close that {@code from} asked for, when its bytes are out. */
    private boolean settle(Side from, Side to) {
        StringTransport t = from.transport;
        if (t.isAborted()) {
            closeBoth(from, new ConnectionAborted(), to, new ConnectionLost("Connection reset by peer"));
            return true;
        }
        if (from.hasOutgoing() || t.producer() != null) return false;
        if (t.isDisconnecting()) {
            closeBoth(from, new ConnectionDone(), to, new ConnectionDone());
            return true;
        }
        if (t.isWriteDisconnected() && !from.finSent) {
            from.finSent = true;
            if (to.protocol instanceof HalfCloseableProtocol hc) {
                hc.readConnectionLost();
                if (from.protocol instanceof HalfCloseableProtocol mine) mine.writeConnectionLost();
            } else {
                closeBoth(to, new ConnectionDone(), from, new ConnectionDone());
            }
            return true;
        }
        return false;
    }

    private void closeBoth(Side first, Throwable firstReason, Side second, Throwable secondReason) {
        closed = true;
        first.transport.disconnecting = true;
        second.transport.disconnecting = true;
        first.protocol.markDisconnected();
        second.protocol.markDisconnected();
        first.protocol.connectionLost(Failure.of(firstReason));
        second.protocol.connectionLost(Failure.of(secondReason));
    }

    /** One end: its protocol, its transport and the bytes it wrote that the other end has not read. */
    private static final class Side {
        final Protocol protocol;
        final StringTransport transport;
        byte[] pending = new byte[0];
        int pendingStart;
        boolean finSent;

        Side(Protocol protocol, StringTransport transport) {
            this.protocol = protocol;
            this.transport = transport;
        }

        int pendingSize() { return pending.length - pendingStart; }

        void queue(byte[] more) {
            byte[] joined = Arrays.copyOfRange(pending, pendingStart, pending.length + more.length);
            System.arraycopy(more, 0, joined, pendingSize(), more.length);
            pending = joined;
            pendingStart = 0;
        }

        boolean hasOutgoing() { return pendingSize() > 0 || transport.value().length > 0; }

        /** A side reads unless its transport is paused, stopped or closing. */
        boolean reads() {
            return "producing".equals(transport.producerState()) && !transport.isDisconnecting();
        }
    }
}
