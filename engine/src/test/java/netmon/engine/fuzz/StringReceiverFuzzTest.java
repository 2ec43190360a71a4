package netmon.engine.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import netmon.engine.basic.Int32StringReceiver;
import netmon.engine.basic.NetstringParseError;
import netmon.engine.basic.NetstringReceiver;
import netmon.engine.testing.StringTransport;

/**
 * Fuzzes the length-prefixed framings: {@link Int32StringReceiver} and {@link NetstringReceiver} deliver
 * the same strings and reach the same verdict (limit exceeded, broken peer) whatever the chunking, and
 * throw nothing; a netstring peer that sent garbage is dropped.
 */
class StringReceiverFuzzTest {

    record Seen(List<String> strings, boolean rejected) {}

    static final class Int32 extends Int32StringReceiver {
        final List<String> strings = new ArrayList<>();
        boolean exceeded;

        @Override protected void stringReceived(byte[] s) { strings.add(HexFormat.of().formatHex(s)); }

        @Override protected void lengthLimitExceeded(long length) {
            if (length <= getMaxLength()) throw new AssertionError("limit exceeded by " + length + " <= " + getMaxLength());
            exceeded = true;
            super.lengthLimitExceeded(length);
        }
    }

    static final class Netstrings extends NetstringReceiver {
        final List<String> strings = new ArrayList<>();
        boolean parseError;

        @Override protected void stringReceived(byte[] s) {
            if (s.length > getMaxLength()) throw new AssertionError("string over the maximum: " + s.length);
            strings.add(HexFormat.of().formatHex(s));
        }

        @Override protected void handleParseError(NetstringParseError error) {
            parseError = true;
            super.handleParseError(error);
        }
    }

    private static Seen int32(int max, List<byte[]> chunks) {
        Int32 r = new Int32();
        r.setMaxLength(max);
        new StringTransport().connect(r);
        for (byte[] c : chunks) r.dataReceived(c);
        return new Seen(r.strings, r.exceeded);
    }

    private static Seen netstrings(int max, List<byte[]> chunks) {
        Netstrings r = new Netstrings();
        r.setMaxLength(max);
        StringTransport t = new StringTransport();
        t.connect(r);
        for (byte[] c : chunks) r.dataReceived(c);
        if (r.parseError != r.isBrokenPeer()) throw new AssertionError("broken peer flag disagrees with the parse error");
        if (r.parseError && !t.isDisconnecting()) throw new AssertionError("a broken peer must be dropped");
        return new Seen(r.strings, r.parseError);
    }

    private static void same(Seen whole, Seen other, String how) {
        if (!whole.equals(other)) throw new AssertionError("fed " + how + ": " + other + "\n  fed whole: " + whole);
    }

    @FuzzTest(maxDuration = "5m")
    void int32StringReceiverGivesTheSameStringsWhateverTheChunking(FuzzedDataProvider data) {
        int max = data.consumeInt(0, 300);
        long seed = data.consumeLong();
        byte[] payload = data.consumeRemainingAsBytes();
        Seen whole = int32(max, Chunks.whole(payload));
        same(whole, int32(max, Chunks.bytewise(payload)), "one byte at a time");
        same(whole, int32(max, Chunks.random(payload, seed)), "in random chunks");
    }

    @FuzzTest(maxDuration = "5m")
    void netstringReceiverGivesTheSameStringsWhateverTheChunking(FuzzedDataProvider data) {
        int max = data.consumeInt(0, 300);
        long seed = data.consumeLong();
        byte[] payload = data.consumeRemainingAsBytes();
        Seen whole = netstrings(max, Chunks.whole(payload));
        same(whole, netstrings(max, Chunks.bytewise(payload)), "one byte at a time");
        same(whole, netstrings(max, Chunks.random(payload, seed)), "in random chunks");
    }
}
