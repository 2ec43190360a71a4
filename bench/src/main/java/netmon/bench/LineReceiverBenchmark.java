package netmon.bench;

import java.util.concurrent.TimeUnit;
import netmon.engine.basic.LineReceiver;
import netmon.engine.testing.StringTransport;
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

/**
 * {@link LineReceiver} parsing: 256 lines of {@code lineLength} bytes (chat-sized by default) fed as
 * chunks of {@code chunk} bytes, the way reads arrive from a socket. The score is per line, so the
 * chunk sizes compare directly; 1 byte per chunk is the worst case the receiver's remembered search
 * position exists for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LineReceiverBenchmark {
    private static final int LINES = 256;

    /** Bytes per line, delimiter included. */
    @Param({"64", "1024"})
    public int lineLength;

    /** Bytes per dataReceived call: 1460 is one Ethernet-sized segment, 65536 a full read buffer. */
    @Param({"1460", "65536"})
    public int chunk;

    private byte[][] chunks;
    private Counting receiver;

    /** Counts lines; the work is the framing, not what happens to a line. */
    static final class Counting extends LineReceiver {
        long lines;
        long bytes;

        Counting() { setDelimiter(new byte[] {'\n'}); }

        @Override
        protected void lineReceived(byte[] line) {
            lines++;
            bytes += line.length;
        }
    }

    @Setup(Level.Trial)
    public void prepare() {
        byte[] stream = new byte[LINES * lineLength];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (i + 1) % lineLength == 0 ? (byte) '\n' : (byte) ('a' + i % 26);
        }
        int n = (stream.length + chunk - 1) / chunk;
        chunks = new byte[n][];
        for (int i = 0; i < n; i++) {
            int from = i * chunk;
            chunks[i] = java.util.Arrays.copyOfRange(stream, from, Math.min(stream.length, from + chunk));
        }
        receiver = new Counting();
        new StringTransport().connect(receiver);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long parse() {
        Counting r = receiver;
        for (byte[] c : chunks) r.dataReceived(c);
        return r.lines;
    }
}
