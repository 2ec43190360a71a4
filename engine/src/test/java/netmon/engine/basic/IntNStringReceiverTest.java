package netmon.engine.basic;

import static netmon.engine.basic.LineReceiverTest.b;
import static netmon.engine.basic.LineReceiverTest.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import netmon.engine.testing.Chunking;
import netmon.engine.testing.StringTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Twisted's {@code IntNTestCaseMixin} and {@code RecvdAttributeMixin} (TWISTED-SEMANTICS item 107). */
@Timeout(10)
class IntNStringReceiverTest {

    /** Records strings and over-long lengths; the maximum is set per test. */
    interface Recorder {
        List<String> strings();
        List<Long> tooLong();
        List<byte[]> recvdWhenTooLong();
    }

    static final class R32 extends Int32StringReceiver implements Recorder {
        final List<String> strings = new ArrayList<>();
        final List<Long> tooLong = new ArrayList<>();
        final List<byte[]> recvdWhenTooLong = new ArrayList<>();
        @Override protected void stringReceived(byte[] s) { strings.add(s(s)); }
        @Override protected void lengthLimitExceeded(long n) { tooLong.add(n); recvdWhenTooLong.add(recvd()); super.lengthLimitExceeded(n); }
        public List<String> strings() { return strings; }
        public List<Long> tooLong() { return tooLong; }
        public List<byte[]> recvdWhenTooLong() { return recvdWhenTooLong; }
    }

    static final class R16 extends Int16StringReceiver implements Recorder {
        final List<String> strings = new ArrayList<>();
        final List<Long> tooLong = new ArrayList<>();
        final List<byte[]> recvdWhenTooLong = new ArrayList<>();
        @Override protected void stringReceived(byte[] s) { strings.add(s(s)); }
        @Override protected void lengthLimitExceeded(long n) { tooLong.add(n); recvdWhenTooLong.add(recvd()); super.lengthLimitExceeded(n); }
        public List<String> strings() { return strings; }
        public List<Long> tooLong() { return tooLong; }
        public List<byte[]> recvdWhenTooLong() { return recvdWhenTooLong; }
    }

    static final class R8 extends Int8StringReceiver implements Recorder {
        final List<String> strings = new ArrayList<>();
        final List<Long> tooLong = new ArrayList<>();
        final List<byte[]> recvdWhenTooLong = new ArrayList<>();
        @Override protected void stringReceived(byte[] s) { strings.add(s(s)); }
        @Override protected void lengthLimitExceeded(long n) { tooLong.add(n); recvdWhenTooLong.add(recvd()); super.lengthLimitExceeded(n); }
        public List<String> strings() { return strings; }
        public List<Long> tooLong() { return tooLong; }
        public List<byte[]> recvdWhenTooLong() { return recvdWhenTooLong; }
    }

    static Stream<Supplier<IntNStringReceiver>> kinds() {
        return Stream.of(R32::new, R16::new, R8::new);
    }

    static Stream<Arguments> kindsTimesChunkings() {
        return kinds().flatMap(k -> Stream.of(Chunking.values()).map(c -> Arguments.of(k, c)));
    }

    static byte[] frame(int prefixLength, byte[] payload) {
        byte[] out = new byte[prefixLength + payload.length];
        long n = payload.length;
        for (int i = prefixLength - 1; i >= 0; i--) {
            out[i] = (byte) n;
            n >>= 8;
        }
        System.arraycopy(payload, 0, out, prefixLength, payload.length);
        return out;
    }

    static byte[] prefix(int prefixLength, long n) {
        byte[] out = new byte[prefixLength];
        for (int i = prefixLength - 1; i >= 0; i--) {
            out[i] = (byte) n;
            n >>= 8;
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("kindsTimesChunkings")
    void anyChunkingGivesTheSameStrings(Supplier<IntNStringReceiver> kind, Chunking chunking) {
        IntNStringReceiver r = new StringTransport().connect(kind.get());
        List<String> sent = List.of("a", "b".repeat(16), "", "héllo wörld", "z".repeat(200));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (String s : sent) wire.writeBytes(frame(r.getPrefixLength(), b(s)));
        chunking.feed(wire.toByteArray(), r::dataReceived);
        assertEquals(sent, ((Recorder) r).strings());
        assertEquals(0, r.recvd().length);
    }

    @ParameterizedTest
    @MethodSource("kindsTimesChunkings")
    void partialStringsAreHeldWithoutError(Supplier<IntNStringReceiver> kind, Chunking chunking) {
        IntNStringReceiver r = new StringTransport().connect(kind.get());
        byte[] partial = java.util.Arrays.copyOf(frame(r.getPrefixLength(), b("abcdefgh")), r.getPrefixLength() + 5);
        chunking.feed(partial, r::dataReceived);
        assertEquals(List.of(), ((Recorder) r).strings());
        assertArrayEquals(partial, r.recvd());
        assertFalse(r.getTransport().isDisconnecting());
    }

    @ParameterizedTest
    @MethodSource("kindsTimesChunkings")
    void declaredLengthOverMaximumDropsTheConnectionAndIsNotDelivered(Supplier<IntNStringReceiver> kind, Chunking chunking) {
        IntNStringReceiver r = new StringTransport().connect(kind.get());
        r.setMaxLength(10);
        byte[] wire = LineReceiverTest.concat(frame(r.getPrefixLength(), b("ok")), frame(r.getPrefixLength(), b("x".repeat(11))));
        chunking.feed(wire, r::dataReceived);
        Recorder rec = (Recorder) r;
        assertEquals(List.of("ok"), rec.strings());
        assertEquals(11L, rec.tooLong().get(0));
        assertTrue(r.getTransport().isDisconnecting());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void recvdHoldsTheUnparsedRemainderIncludingTheTooLongHeader(Supplier<IntNStringReceiver> kind) {
        IntNStringReceiver r = new StringTransport().connect(kind.get());
        r.setMaxLength(10);
        byte[] tail = LineReceiverTest.concat(prefix(r.getPrefixLength(), 11), b("xyz"));
        r.dataReceived(LineReceiverTest.concat(frame(r.getPrefixLength(), b("ok")), tail));
        assertArrayEquals(tail, ((Recorder) r).recvdWhenTooLong().get(0));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void recvdHoldsTheRemainderAfterCompleteStrings(Supplier<IntNStringReceiver> kind) {
        IntNStringReceiver r = new StringTransport().connect(kind.get());
        byte[] rest = java.util.Arrays.copyOf(frame(r.getPrefixLength(), b("hello")), r.getPrefixLength() + 2);
        r.dataReceived(LineReceiverTest.concat(frame(r.getPrefixLength(), b("one")), rest));
        assertEquals(List.of("one"), ((Recorder) r).strings());
        assertArrayEquals(rest, r.recvd());
    }

    /** Hands each string to {@code onString} with the receiver, for the recvd tests. */
    static IntNStringReceiver withHook(Supplier<IntNStringReceiver> kind,
            java.util.function.BiConsumer<IntNStringReceiver, byte[]> onString) {
        int prefixLength = kind.get().getPrefixLength();
        IntNStringReceiver r = switch (prefixLength) {
            case 4 -> new Int32StringReceiver() {
                @Override protected void stringReceived(byte[] s) { onString.accept(this, s); }
            };
            case 2 -> new Int16StringReceiver() {
                @Override protected void stringReceived(byte[] s) { onString.accept(this, s); }
            };
            default -> new Int8StringReceiver() {
                @Override protected void stringReceived(byte[] s) { onString.accept(this, s); }
            };
        };
        return new StringTransport().connect(r);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void insideStringReceivedRecvdHoldsWhatFollowsTheString(Supplier<IntNStringReceiver> kind) {
        List<byte[]> seen = new ArrayList<>();
        IntNStringReceiver r = withHook(kind, (self, s) -> seen.add(self.recvd()));
        int n = r.getPrefixLength();
        byte[] incomplete = java.util.Arrays.copyOf(frame(n, b("bbbbb")), n + 4);
        r.dataReceived(LineReceiverTest.concat(frame(n, b("aaaaa")), incomplete));
        assertEquals(1, seen.size());
        assertArrayEquals(incomplete, seen.get(0));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void changingRecvdInStringReceivedChangesWhatIsParsedNext(Supplier<IntNStringReceiver> kind) {
        List<String> result = new ArrayList<>();
        int n = kind.get().getPrefixLength();
        IntNStringReceiver r = withHook(kind, (self, s) -> {
            if (result.isEmpty()) self.setRecvd(frame(n, b("ccccc")));
            result.add(s(s));
        });
        r.dataReceived(LineReceiverTest.concat(frame(n, b("aaaaa")), frame(n, b("bbbbb"))));
        assertEquals(List.of("aaaaa", "ccccc"), result);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void bytesConsumedFromRecvdAreNotReparsed(Supplier<IntNStringReceiver> kind) {
        List<String> result = new ArrayList<>();
        int n = kind.get().getPrefixLength();
        byte[] switchMarker = new byte[n];
        IntNStringReceiver r = withHook(kind, (self, s) -> {
            result.add(s(s));
            byte[] rest = self.recvd();
            self.setRecvd(java.util.Arrays.copyOfRange(rest, switchMarker.length, rest.length));
        });
        ByteArrayOutputStream mix = new ByteArrayOutputStream();
        List<String> sent = List.of("a", "b".repeat(16), "c");
        for (String s : sent) {
            mix.writeBytes(frame(n, b(s)));
            mix.writeBytes(switchMarker);
        }
        r.dataReceived(mix.toByteArray());
        r.dataReceived(new byte[] {1});
        assertEquals(sent, result);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sendStringWritesTheBigEndianPrefixAndTheString(Supplier<IntNStringReceiver> kind) {
        StringTransport t = new StringTransport();
        IntNStringReceiver r = t.connect(kind.get());
        r.sendString(b("b".repeat(16)));
        assertArrayEquals(frame(r.getPrefixLength(), b("b".repeat(16))), t.value());
    }

    @Test
    void int32PrefixIsBigEndian() {
        StringTransport t = new StringTransport();
        R32 r = t.connect(new R32());
        r.sendString(new byte[0x0102]);
        byte[] v = t.value();
        assertArrayEquals(new byte[] {0, 0, 1, 2}, java.util.Arrays.copyOf(v, 4));
    }

    @Test
    void tooLongForThePrefixThrowsStringTooLongError() {
        StringTransport t = new StringTransport();
        R8 r8 = t.connect(new R8());
        assertThrows(StringTooLongError.class, () -> r8.sendString(new byte[256]));
        r8.sendString(new byte[255]);
        R16 r16 = new StringTransport().connect(new R16());
        assertThrows(StringTooLongError.class, () -> r16.sendString(new byte[65536]));
        r16.sendString(new byte[65535]);
        assertEquals(256, t.value().length);
    }

    @Test
    void unsignedLengthsAboveTheSignedRangeAreReadAsUnsigned() {
        R32 r = new StringTransport().connect(new R32());
        r.dataReceived(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertEquals(List.of(0xffffffffL), r.tooLong());
        R8 r8 = new StringTransport().connect(new R8());
        byte[] payload = new byte[200];
        r8.dataReceived(frame(1, payload));
        assertEquals(1, r8.strings().size());
        assertEquals(200, r8.strings().get(0).length());
    }

    @Test
    void pausingStopsDeliveryUntilResumed() {
        StringTransport t = new StringTransport();
        R16 r = t.connect(new R16() );
        r.pauseProducing();
        r.dataReceived(LineReceiverTest.concat(frame(2, b("a")), frame(2, b("b"))));
        assertEquals(List.of(), r.strings());
        assertEquals("paused", t.producerState());
        r.resumeProducing();
        assertEquals(List.of("a", "b"), r.strings());
    }

    @Test
    void missingStringReceivedThrowsUnsupported() {
        Int32StringReceiver bare = new StringTransport().connect(new Int32StringReceiver() {});
        assertThrows(UnsupportedOperationException.class, () -> bare.dataReceived(frame(4, b("x"))));
    }
}
