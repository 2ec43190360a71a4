package netmon.engine.reactor.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import netmon.engine.defer.Failure;
import netmon.engine.error.ConnectionAborted;
import netmon.engine.error.ConnectionDone;
import netmon.engine.error.ConnectionLost;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.monitor.ConnectionState;
import netmon.engine.monitor.MonitorListener;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.HalfCloseableProtocol;
import netmon.engine.protocol.Producer;
import netmon.engine.protocol.Protocol;
import netmon.engine.protocol.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection on the NIO reactor: Twisted's {@code tcp.Connection}. Writes are queued (small ones
 * coalesced) and sent at the end of the reactor iteration, like Twisted's per-iteration {@code doWrite};
 * only what the kernel does not take waits for OP_WRITE. Reading pauses by itself while the outbound
 * queue is over the high-water mark and no producer is registered, which bounds memory against a peer
 * that does not read.
 * Every method runs on the reactor thread.
 */
public final class TcpConnection implements Transport, Selectable {
    private static final Logger log = LoggerFactory.getLogger(TcpConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** At most this much is handed to the kernel per write call (Twisted's SEND_LIMIT). */
    static final int SEND_LIMIT = 128 * 1024;
    /** Buffers per gathering write: the length of the host's gather arrays. */
    public static final int MAX_GATHER = 64;
    /** Size of the buffer that consecutive small writes are gathered into before a flush. */
    private static final int COALESCE_CHUNK = 4096;

    static {
        // Load what the close paths need now: a process out of file descriptors may be unable to
        // load classes later, and a connection that cannot be closed would spin the loop (item 82).
        Failure.of(new ConnectionLost("preload", null));
        Failure.of(new ConnectionDone());
        Failure.of(new ConnectionAborted());
        ConnectionState.values();
        CloseReason.values();
        Class<?>[] used = {HalfCloseableProtocol.class, Producer.class, MonitorListener.class, ConnectionInfo.class};
        assert used.length > 0;
    }

    /** Told when the connection ends; outgoing connections use it to reach their connector. */
    public interface LostListener {
        void connectionLost(Failure reason);
    }

    private final IoHost host;
    private final SocketChannel channel;
    private final long id = IDS.incrementAndGet();
    private final Address peer;
    private final Address local;
    private final long listenerId;
    private final boolean outgoing;
    private SelectionKey key;
    private Protocol protocol;
    private LostListener lostListener;

    private final ArrayDeque<ByteBuffer> outQ = new ArrayDeque<>(4);
    /** The last queued buffer if small writes may still be appended to it (it has spare capacity). */
    private ByteBuffer tail;
    private long outBytes;
    private int lowWater = 64 * 1024;
    private int highWater = 256 * 1024;

    private Producer producer;
    private boolean streaming;
    private boolean producerPaused;

    private boolean userPaused;       // pauseProducing() on the transport
    private boolean backpressured;    // reading paused by our own outbound queue
    private boolean readClosed;       // peer sent FIN
    private boolean closeWhenFlushed; // FIN from a peer of a plain protocol: close after the flush
    private boolean disconnecting;    // loseConnection called
    private boolean aborting;
    private boolean writeShutRequested;
    private boolean writeShutDone;
    private boolean disconnected;
    /** Queued with the host for a write attempt at the end of this reactor iteration. */
    private boolean flushQueued;
    /** A direct write failed inside a callback; the queued flush ends the connection (never re-entrantly). */
    private IOException writeError;

    /** Wraps an accepted or connected channel; call {@link #start} next. */
    public TcpConnection(IoHost host, SocketChannel channel, long listenerId, boolean outgoing) throws IOException {
        this.host = host;
        this.channel = channel;
        this.listenerId = listenerId;
        this.outgoing = outgoing;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.peer = Address.of("TCP", (InetSocketAddress) channel.getRemoteAddress());
        this.local = Address.of("TCP", (InetSocketAddress) channel.getLocalAddress());
    }

    /** The remote address, known before a protocol is built. */
    public Address peer() { return peer; }

    /**
     * Registers with the selector, reports the connection, and calls {@code makeConnection}. An exception
     * from {@code connectionMade} drops only this connection. Reactor thread.
     */
    public void start(Protocol protocol, String service, LostListener lostListener, SelectionKey existing)
            throws ClosedChannelException {
        assert host.mayTouch();
        this.protocol = protocol;
        this.lostListener = lostListener;
        if (existing != null && existing.isValid()) {
            key = existing;
            key.attach(this);
            key.interestOps(SelectionKey.OP_READ);
        } else {
            key = channel.register(host.selector(), SelectionKey.OP_READ, this);
        }
        host.opened(this);
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) {
            m.connectionOpened(new ConnectionInfo(id, listenerId, service, "tcp", peer, local,
                    System.currentTimeMillis(), outgoing));
        }
        try {
            protocol.makeConnection(this);
        } catch (RuntimeException e) {
            log.error("connectionMade failed on connection {} ({}); dropping it", id, peer, e);
            finish(Failure.of(new ConnectionLost("exception in connectionMade: " + e, e)), CloseReason.ERROR);
            return;
        }
        updateInterest();
    }

    public Protocol protocol() { return protocol; }

    @Override public boolean isConnection() { return true; }

    // ------------------------------------------------------------------ events

    @Override
    public void onReady(int ops) {
        if (disconnected) return;
        if ((ops & SelectionKey.OP_READ) != 0) doRead();
        if (!disconnected && (ops & SelectionKey.OP_WRITE) != 0) doWrite();
    }

    private void doRead() {
        ByteBuffer buf = host.readBuffer();
        buf.clear();
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            finish(Failure.of(new ConnectionLost("read failed: " + e.getMessage(), e)), CloseReason.LOST);
            return;
        }
        if (n < 0) {
            readEof();
            return;
        }
        if (n == 0) return;
        host.countEvent();
        buf.flip();
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) {
            m.bytesReceived(id, buf);
            buf.position(0).limit(n);
        }
        try {
            if (protocol instanceof BufferReceiver br) {
                br.bufferReceived(buf);
            } else {
                byte[] data = new byte[n];
                buf.get(data);
                protocol.dataReceived(data);
            }
        } catch (RuntimeException e) {
            log.error("dataReceived failed on connection {} ({}); dropping it", id, peer, e);
            finish(Failure.of(new ConnectionLost("exception in dataReceived: " + e, e)), CloseReason.ERROR);
        }
    }

    private void readEof() {
        readClosed = true;
        state(ConnectionState.READ_CLOSED);
        if (protocol instanceof HalfCloseableProtocol hc && !disconnecting) {
            updateInterest();
            try {
                hc.readConnectionLost();
            } catch (RuntimeException e) {
                log.error("readConnectionLost failed on connection {}; dropping it", id, e);
                finish(Failure.of(new ConnectionLost("exception in readConnectionLost: " + e, e)), CloseReason.ERROR);
                return;
            }
            if (!disconnected && writeShutDone) finish(Failure.of(new ConnectionDone()), CloseReason.DONE);
            return;
        }
        // A plain protocol: the connection is done, but what it already wrote is still sent (item 111).
        closeWhenFlushed = true;
        if (outQ.isEmpty()) {
            finish(Failure.of(new ConnectionDone()), CloseReason.DONE);
        } else {
            updateInterest();
        }
    }

    private void doWrite() {
        if (writeError != null) {
            IOException e = writeError;
            writeError = null;
            finish(Failure.of(new ConnectionLost("write failed: " + e.getMessage(), e)), CloseReason.LOST);
            return;
        }
        if (!outQ.isEmpty()) {
            if (!flushSome()) return;
        }
        if (!outQ.isEmpty()) return;
        afterDrain();
    }

    /** Writes what the kernel takes; false if the connection was lost doing so. */
    private boolean flushSome() {
        // The queued buffers go to the kernel as they are (no duplicates): only one that would pass the
        // send limit is cut short through a duplicate. starts[] remembers where each began.
        ByteBuffer[] gather = host.gatherBuffers();
        int[] starts = host.gatherStarts();
        int n = 0;
        long budget = SEND_LIMIT;
        for (ByteBuffer b : outQ) {
            if (n == MAX_GATHER || budget <= 0) break;
            int rem = b.remaining();
            starts[n] = b.position();
            if (rem > budget) {
                ByteBuffer d = b.duplicate();
                d.limit(d.position() + (int) budget);
                gather[n++] = d;
                budget = 0;
            } else {
                gather[n++] = b;
                budget -= rem;
            }
        }
        long written;
        try {
            // One buffer takes the JDK's single-buffer path, cheaper than its gathering one.
            written = n == 1 ? channel.write(gather[0]) : channel.write(gather, 0, n);
        } catch (IOException e) {
            java.util.Arrays.fill(gather, 0, n, null);
            finish(Failure.of(new ConnectionLost("write failed: " + e.getMessage(), e)), CloseReason.LOST);
            return false;
        }
        if (written > 0) host.countEvent();
        MonitorListener m = host.monitor().listener();
        for (int i = 0; i < n; i++) {
            ByteBuffer orig = outQ.peekFirst();
            ByteBuffer g = gather[i];
            gather[i] = null;
            int start = starts[i];
            int advanced = g.position() - start;
            if (advanced <= 0) break; // the kernel took nothing more
            if (m != MonitorListener.NONE) {
                // Lent as it is, narrowed to what went out and restored after: no duplicate per write.
                int lim = orig.limit();
                orig.limit(start + advanced).position(start);
                m.bytesSent(id, orig);
                orig.limit(lim);
            }
            orig.position(start + advanced);
            if (!orig.hasRemaining()) {
                outQ.pollFirst();
                if (orig == tail) tail = null;
            }
        }
        java.util.Arrays.fill(gather, 0, n, null);
        outBytes -= written;
        if (written > 0) bufferShrank();
        return true;
    }

    private void afterDrain() {
        if (producer != null && !streaming && !disconnecting) {
            try {
                producer.resumeProducing();
            } catch (RuntimeException e) {
                log.error("pull producer failed on connection {}", id, e);
            }
            if (disconnected) return;
            if (!outQ.isEmpty()) {
                updateInterest();
                return;
            }
        }
        if (aborting) return;
        if (disconnecting && producer == null) {
            closeWithFin();
            return;
        }
        if (closeWhenFlushed) {
            finish(Failure.of(new ConnectionDone()), CloseReason.DONE);
            return;
        }
        if (writeShutRequested && !writeShutDone) {
            writeShutDone = true;
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                finish(Failure.of(new ConnectionLost("shutdown failed: " + e.getMessage(), e)), CloseReason.LOST);
                return;
            }
            state(ConnectionState.WRITE_CLOSED);
            if (protocol instanceof HalfCloseableProtocol hc) {
                try {
                    hc.writeConnectionLost();
                } catch (RuntimeException e) {
                    log.error("writeConnectionLost failed on connection {}; dropping it", id, e);
                    finish(Failure.of(new ConnectionLost("exception in writeConnectionLost: " + e, e)), CloseReason.ERROR);
                    return;
                }
            }
            if (!disconnected && readClosed) {
                finish(Failure.of(new ConnectionDone()), CloseReason.DONE);
                return;
            }
        }
        if (!disconnected) updateInterest();
    }

    private void closeWithFin() {
        try {
            if (!writeShutDone) channel.shutdownOutput();
        } catch (IOException e) {
            log.debug("shutdownOutput on {} failed: {}", id, e.toString());
        }
        finish(Failure.of(new ConnectionDone()), CloseReason.DONE);
    }

    // ------------------------------------------------------------------ flow control

    private void bufferGrew() {
        if (outBytes <= highWater) {
            dirty();
            return;
        }
        if (producer != null) {
            if (streaming && !producerPaused) {
                producerPaused = true;
                try {
                    producer.pauseProducing();
                } catch (RuntimeException e) {
                    log.error("producer.pauseProducing failed on connection {}", id, e);
                }
                report();
            } else {
                dirty();
            }
        } else if (!backpressured) {
            backpressured = true;
            updateInterest();
            report();
        } else {
            dirty();
        }
    }

    private void bufferShrank() {
        if (outBytes > lowWater) {
            dirty();
            return;
        }
        if (producer != null && streaming && producerPaused) {
            producerPaused = false;
            report();
            try {
                producer.resumeProducing();
            } catch (RuntimeException e) {
                log.error("producer.resumeProducing failed on connection {}", id, e);
            }
        } else if (backpressured) {
            backpressured = false;
            report();
        } else {
            dirty();
        }
    }

    // True while this connection waits in the reactor's end-of-iteration report set: a burst of writes
    // (a chat line to many clients) then enters it once, not once per write.
    private boolean outboundReportQueued;

    private void dirty() {
        if (!outboundReportQueued && host.monitor().isWatched()) {
            outboundReportQueued = true;
            host.outboundDirty(this);
        }
    }

    private void report() {
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) m.outboundBuffer(id, outBytes, isReadingPaused());
    }

    /** Sends the deferred outbound-buffer report for this iteration. */
    public void reportOutbound() {
        outboundReportQueued = false;
        if (!disconnected) report();
    }

    /** True if reading is paused by backpressure or by {@link #pauseProducing()}. */
    public boolean isReadingPaused() {
        return backpressured || userPaused || (producerPaused && producer == this);
    }

    private void updateInterest() {
        if (disconnected || key == null || !key.isValid()) return;
        int ops = 0;
        boolean read = !readClosed && !disconnecting && !aborting && !userPaused && !backpressured;
        if (read) ops |= SelectionKey.OP_READ;
        // While a flush is queued, the end of the iteration writes (or closes) first: asking the selector
        // for OP_WRITE now would cost two epoll_ctl calls and a select round for nothing.
        boolean write = !aborting && !flushQueued && (!outQ.isEmpty() || (disconnecting && producer == null)
                || closeWhenFlushed || (writeShutRequested && !writeShutDone));
        if (write) ops |= SelectionKey.OP_WRITE;
        try {
            if (key.interestOps() != ops) key.interestOps(ops);
        } catch (CancelledKeyException e) {
            // closing already
        }
    }

    // ------------------------------------------------------------------ Transport

    @Override
    public void write(byte[] data) {
        write(data, false);
    }

    /**
     * Queues {@code data} itself when it would otherwise be copied into a buffer of its own: the caller
     * gives the array up (see {@link Transport#writeOwned}). Small writes may still be coalesced (copied).
     */
    @Override
    public void writeOwned(byte[] data) {
        write(data, true);
    }

    private void write(byte[] data, boolean owned) {
        Objects.requireNonNull(data, "data");
        assert host.mayTouch() : "transport used off the reactor thread";
        if (data.length == 0 || !writable()) return;
        int len = data.length;
        ByteBuffer t = tail;
        if (t != null && t.capacity() - t.limit() >= len) {
            // Small writes between two flushes (a chat burst) share one buffer: no allocation each, and
            // one gathered entry instead of many.
            int end = t.limit();
            t.limit(end + len);
            t.put(end, data, 0, len);
            outBytes += len;
            bufferGrew();
            return;
        }
        ByteBuffer b;
        if (len < COALESCE_CHUNK / 2 && !outQ.isEmpty()) {
            // A second write before the flush: more may follow, so start a chunk they can share.
            b = ByteBuffer.allocate(COALESCE_CHUNK);
            b.put(data).flip();
            tail = b;
        } else {
            b = ByteBuffer.wrap(owned ? data : data.clone());
            tail = null;
        }
        enqueue(b);
    }

    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        assert host.mayTouch() : "transport used off the reactor thread";
        if (!data.hasRemaining() || !writable()) {
            data.position(data.limit());
            return;
        }
        if (outQ.isEmpty() && !flushQueued) {
            // Nothing is waiting, so order cannot suffer: hand the buffer to the kernel now. A direct buffer
            // (the reactor's read buffer echoed back) then costs no copy in user space, and nothing is queued.
            if (!writeNow(data)) return;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        tail = null;
        enqueue(copy);
    }

    /**
     * Writes what the kernel takes of {@code data} now; true if some of it is left to queue. A failure is
     * kept for the end-of-iteration flush to report, so connectionLost never runs inside the caller's
     * callback.
     */
    private boolean writeNow(ByteBuffer data) {
        int start = data.position();
        int written;
        try {
            written = channel.write(data);
        } catch (IOException e) {
            writeError = e;
            data.position(data.limit());
            requestFlush();
            return false;
        }
        if (written > 0) {
            host.countEvent();
            MonitorListener m = host.monitor().listener();
            if (m != MonitorListener.NONE) {
                int lim = data.limit(), end = start + written;
                data.limit(end).position(start);
                m.bytesSent(id, data);
                data.limit(lim).position(end);
            }
        }
        return data.hasRemaining();
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        Objects.requireNonNull(data, "data");
        for (byte[] b : data) write(b);
    }

    private boolean writable() {
        return !disconnected && !aborting && !writeShutDone && !writeShutRequested;
    }

    private void enqueue(ByteBuffer b) {
        boolean wasEmpty = outQ.isEmpty();
        outQ.addLast(b);
        outBytes += b.remaining();
        if (wasEmpty) requestFlush();
        bufferGrew();
    }

    /**
     * Asks for a write attempt at the end of this reactor iteration instead of waiting for OP_WRITE: the
     * socket is almost always writable, and everything written during the iteration (a chat line to many
     * clients, several echoes) then goes out in one gathering write, like Twisted's per-iteration doWrite
     * and Netty's flush. Never writes re-entrantly from inside a protocol callback.
     */
    private void requestFlush() {
        if (flushQueued || disconnected) return;
        flushQueued = true;
        host.flushLater(this);
    }

    /**
     * The queued flush: writes what the kernel takes, then does what a writable event would (close after
     * a flush, half-close, resume a pull producer); asks for OP_WRITE only if bytes are left. Reactor thread.
     */
    public void flushNow() {
        assert host.mayTouch();
        flushQueued = false;
        if (disconnected) return;
        doWrite();
        if (!disconnected) updateInterest();
    }

    @Override
    public void loseConnection() {
        if (disconnected || disconnecting || aborting) return;
        disconnecting = true;
        state(ConnectionState.CLOSING);
        // Closing happens from doWrite, at the end of this iteration: never re-entrantly.
        requestFlush();
        updateInterest();
    }

    @Override
    public void abortConnection() {
        if (disconnected || aborting) return;
        aborting = true;
        outQ.clear();
        tail = null;
        outBytes = 0;
        state(ConnectionState.ABORTING);
        try {
            if (key != null && key.isValid()) key.interestOps(0);
        } catch (CancelledKeyException ignored) {
            // closing already
        }
        host.callLater(0, () -> finish(Failure.of(new ConnectionAborted()), CloseReason.ABORTED));
    }

    @Override
    public void loseWriteConnection() {
        if (disconnected || disconnecting || aborting || writeShutRequested) return;
        writeShutRequested = true;
        requestFlush();
        updateInterest();
    }

    @Override
    public boolean isDisconnecting() { return disconnecting || aborting || disconnected; }

    @Override public Address getPeer() { return peer; }

    @Override public Address getHost() { return local; }

    @Override public long getOutboundBufferSize() { return outBytes; }

    @Override
    public void setWriteBufferWaterMarks(int low, int high) {
        if (low < 0 || high < low) throw new IllegalArgumentException("need 0 <= low <= high, got " + low + ", " + high);
        lowWater = low;
        highWater = high;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, on);
        } catch (IOException e) {
            log.debug("TCP_NODELAY on {}: {}", id, e.toString());
        }
    }

    @Override public long connectionId() { return id; }

    @Override
    public void registerProducer(Producer p, boolean isStreaming) {
        Objects.requireNonNull(p, "producer");
        if (producer != null) {
            throw new IllegalStateException("Cannot register producer " + p + ", because producer " + producer
                    + " was never unregistered.");
        }
        if (disconnected) {
            p.stopProducing();
            return;
        }
        producer = p;
        streaming = isStreaming;
        producerPaused = false;
        if (backpressured) {
            // The producer takes over flow control from the transport's own reading pause.
            backpressured = false;
            updateInterest();
        }
        if (!isStreaming) {
            p.resumeProducing();
        } else if (outBytes > highWater) {
            producerPaused = true;
            p.pauseProducing();
            report();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
        producerPaused = false;
        if (disconnected) return;
        if (outBytes > highWater && !backpressured) {
            backpressured = true;
            report();
        }
        updateInterest();
    }

    @Override
    public void pauseProducing() {
        if (userPaused) return;
        userPaused = true;
        updateInterest();
        report();
    }

    @Override
    public void resumeProducing() {
        if (!userPaused) return;
        userPaused = false;
        if (disconnecting) return;
        updateInterest();
        report();
    }

    @Override
    public void stopProducing() { loseConnection(); }

    // ------------------------------------------------------------------ ending

    @Override
    public void shutdown() {
        finish(Failure.of(new ConnectionLost("Connection lost: the reactor shut down.")), CloseReason.LOST);
    }

    private void state(ConnectionState s) {
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) m.connectionStateChanged(id, s);
    }

    /** Closes the socket and delivers connectionLost exactly once. */
    private void finish(Failure reason, CloseReason why) {
        if (disconnected) return;
        disconnected = true;
        if (key != null) key.cancel();
        try {
            if (why == CloseReason.ABORTED) channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            log.debug("SO_LINGER on {}: {}", id, e.toString());
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("close of {} failed: {}", id, e.toString());
        }
        outQ.clear();
        tail = null;
        outBytes = 0;
        host.closed(this);
        Producer p = producer;
        producer = null;
        if (p != null && p != this) {
            try {
                p.stopProducing();
            } catch (RuntimeException e) {
                log.error("producer.stopProducing failed on connection {}", id, e);
            }
        }
        if (protocol != null) {
            protocol.markDisconnected();
            try {
                protocol.connectionLost(reason);
            } catch (RuntimeException e) {
                log.error("connectionLost failed on connection {} ({})", id, peer, e);
            }
        }
        if (lostListener != null) {
            try {
                lostListener.connectionLost(reason);
            } catch (RuntimeException e) {
                log.error("clientConnectionLost failed for connection {}", id, e);
            }
        }
        MonitorListener m = host.monitor().listener();
        if (m != MonitorListener.NONE) m.connectionClosed(id, why, reason.getErrorMessage());
    }

    /** True once connectionLost was delivered. */
    public boolean isDisconnected() { return disconnected; }

    @Override
    public String toString() { return "TcpConnection#" + id + "(" + local.hostPort() + " <-> " + peer.hostPort() + ")"; }
}
