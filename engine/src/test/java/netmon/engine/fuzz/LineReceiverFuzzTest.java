package netmon.engine.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import netmon.engine.basic.LineOnlyReceiver;
import netmon.engine.basic.LineReceiver;
import netmon.engine.testing.StringTransport;

/**
 * Fuzzes the line splitters: the same bytes give the same lines, the same length-exceeded verdict and
 * (LineReceiver) the same raw bytes whether they arrive whole, one byte at a time or randomly cut; and
 * nothing throws.
 */
class LineReceiverFuzzTest {
    /** A line that switches a {@link LineReceiver} to raw mode, so mode switches are fuzzed too. */
    private static final byte[] RAW = {'R', 'A', 'W'};

    /** What one receiver saw. */
    record Seen(List<String> lines, boolean exceeded, String raw) {}

    static final class Lines extends LineReceiver {
        final List<String> lines = new ArrayList<>();
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        boolean exceeded;

        @Override protected void lineReceived(byte[] line) {
            lines.add(HexFormat.of().formatHex(line));
            if (Arrays.equals(line, RAW)) setRawMode();
        }

        @Override protected void rawDataReceived(byte[] data) { raw.write(data, 0, data.length); }

        @Override protected void lineLengthExceeded(byte[] data) {
            exceeded = true;
            super.lineLengthExceeded(data);
        }

        Seen seen() { return new Seen(lines, exceeded, HexFormat.of().formatHex(raw.toByteArray())); }
    }

    static final class OnlyLines extends LineOnlyReceiver {
        final List<String> lines = new ArrayList<>();
        boolean exceeded;

        @Override protected void lineReceived(byte[] line) { lines.add(HexFormat.of().formatHex(line)); }

        @Override protected void lineLengthExceeded(byte[] line) {
            exceeded = true;
            super.lineLengthExceeded(line);
        }

        Seen seen() { return new Seen(lines, exceeded, ""); }
    }

    record Config(byte[] delimiter, int maxLength, long seed, byte[] payload) {
        static Config from(FuzzedDataProvider data) {
            byte[] delimiter = data.consumeBytes(data.consumeInt(1, 3));
            if (delimiter.length == 0) delimiter = new byte[] {'\n'};
            int maxLength = data.consumeInt(0, 64);
            long seed = data.consumeLong();
            return new Config(delimiter, maxLength, seed, data.consumeRemainingAsBytes());
        }
    }

    private static Seen feedLineReceiver(Config c, List<byte[]> chunks) {
        Lines r = new Lines();
        r.setDelimiter(c.delimiter());
        r.setMaxLength(c.maxLength());
        new StringTransport().connect(r);
        for (byte[] chunk : chunks) r.dataReceived(chunk);
        return r.seen();
    }

    private static Seen feedLineOnlyReceiver(Config c, List<byte[]> chunks) {
        OnlyLines r = new OnlyLines();
        r.setDelimiter(c.delimiter());
        r.setMaxLength(c.maxLength());
        new StringTransport().connect(r);
        for (byte[] chunk : chunks) r.dataReceived(chunk);
        return r.seen();
    }

    static void same(Seen whole, Seen other, String how) {
        if (!whole.equals(other)) throw new AssertionError("fed " + how + ": " + other + "\n  fed whole: " + whole);
    }

    @FuzzTest(maxDuration = "5m")
    void lineReceiverGivesTheSameLinesWhateverTheChunking(FuzzedDataProvider data) {
        Config c = Config.from(data);
        Seen whole = feedLineReceiver(c, Chunks.whole(c.payload()));
        same(whole, feedLineReceiver(c, Chunks.bytewise(c.payload())), "one byte at a time");
        same(whole, feedLineReceiver(c, Chunks.random(c.payload(), c.seed())), "in random chunks");
    }

    @FuzzTest(maxDuration = "5m")
    void lineOnlyReceiverGivesTheSameLinesWhateverTheChunking(FuzzedDataProvider data) {
        Config c = Config.from(data);
        Seen whole = feedLineOnlyReceiver(c, Chunks.whole(c.payload()));
        same(whole, feedLineOnlyReceiver(c, Chunks.bytewise(c.payload())), "one byte at a time");
        same(whole, feedLineOnlyReceiver(c, Chunks.random(c.payload(), c.seed())), "in random chunks");
    }
}
