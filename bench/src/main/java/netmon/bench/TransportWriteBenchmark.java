package netmon.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import netmon.engine.monitor.MonitorHub;
import netmon.engine.protocol.Protocol;
import netmon.engine.protocol.Transport;
import netmon.engine.reactor.DelayedCall;
import netmon.engine.reactor.internal.IoHost;
import netmon.engine.reactor.internal.Selectable;
import netmon.engine.reactor.internal.TcpConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The TCP transport's write path on a real loopback socket: {@code writesPerFlush} calls of
 * {@code Transport.write(byte[])} (copy, queue), then the end-of-iteration flush the reactor does (one
 * gathering write to the kernel). A thread on the other end reads and discards. The benchmark thread
 * plays the reactor thread, driving the real {@link TcpConnection} through a minimal host, so no
 * selector round trip is measured: this is the per-write cost a protocol pays. Score per write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransportWriteBenchmark {
    private static final int WRITES = 16;
    /** Above this much queued, the benchmark waits for the reader (as backpressure would). */
    private static final long QUEUE_BOUND = 1 << 20;

    /** Bytes per write: a chat line, a larger message. */
    @Param({"64", "4096"})
    public int size;

    /** Writes per flush: 1 is an echo (one write per read), 16 a fan-out burst to one client. */
    @Param({"1", "16"})
    public int writesPerFlush;

    private ServerSocketChannel listener;
    private SocketChannel reader;
    private Thread drainer;
    private BenchHost host;
    private TcpConnection connection;
    private Transport transport;
    private byte[] message;

    /** What TcpConnection needs of a reactor, on the benchmark thread. */
    static final class BenchHost implements IoHost {
        final Selector selector;
        final MonitorHub hub = new MonitorHub();
        final ByteBuffer read = ByteBuffer.allocateDirect(64 * 1024);
        final List<TcpConnection> toFlush = new ArrayList<>();

        BenchHost() throws IOException { selector = Selector.open(); }

        void flush() {
            for (int i = 0; i < toFlush.size(); i++) toFlush.get(i).flushNow();
            toFlush.clear();
        }

        @Override public Selector selector() { return selector; }
        @Override public DelayedCall callLater(double delay, Runnable r) { throw new UnsupportedOperationException(); }
        @Override public void callFromThread(Runnable r) { throw new UnsupportedOperationException(); }
        @Override public void callInThread(Runnable r) { throw new UnsupportedOperationException(); }
        @Override public boolean isReactorThread() { return true; }
        @Override public boolean mayTouch() { return true; }
        @Override public MonitorHub monitor() { return hub; }
        final ByteBuffer[] gather = new ByteBuffer[TcpConnection.MAX_GATHER];
        final int[] starts = new int[TcpConnection.MAX_GATHER];
        @Override public ByteBuffer readBuffer() { return read; }
        @Override public ByteBuffer[] gatherBuffers() { return gather; }
        @Override public int[] gatherStarts() { return starts; }
        @Override public void opened(Selectable s) {}
        @Override public void closed(Selectable s) {}
        @Override public void countEvent() {}
        @Override public void flushLater(TcpConnection c) { toFlush.add(c); }
        @Override public void outboundDirty(TcpConnection c) {}
    }

    /** Writes only; reads nothing. */
    static final class Sink extends Protocol {}

    @Setup(Level.Trial)
    public void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        reader = SocketChannel.open(listener.getLocalAddress());
        SocketChannel accepted = listener.accept();
        host = new BenchHost();
        connection = new TcpConnection(host, accepted, 0, false);
        Sink sink = new Sink();
        connection.start(sink, "bench", null, null);
        transport = sink.getTransport();
        message = new byte[size];
        java.util.Arrays.fill(message, (byte) 'x');
        drainer = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(256 * 1024);
            try {
                while (reader.read(b.clear()) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // closed at teardown
            }
        }, "bench-drainer");
        drainer.setDaemon(true);
        drainer.start();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        connection.shutdown();
        reader.close();
        listener.close();
        host.selector.close();
        drainer.join(5000);
    }

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public long write() {
        Transport t = transport;
        byte[] m = message;
        for (int i = 0; i < WRITES; i++) {
            t.write(m);
            if ((i + 1) % writesPerFlush == 0) host.flush();
        }
        host.flush();
        while (t.getOutboundBufferSize() > QUEUE_BOUND) {
            Thread.onSpinWait();
            connection.flushNow();
        }
        return t.getOutboundBufferSize();
    }
}
