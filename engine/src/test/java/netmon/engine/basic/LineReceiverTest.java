package netmon.engine.basic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netmon.engine.testing.Chunking;
import netmon.engine.testing.Clock;
import netmon.engine.testing.StringTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Twisted's {@code LineReceiverTests} and friends (TWISTED-SEMANTICS items 98-105). */
@Timeout(10)
class LineReceiverTest {

    static byte[] b(String s) { return s.getBytes(UTF_8); }

    static String s(byte[] b) { return new String(b, UTF_8); }

    /** Twisted's {@code LineTester}: "\n" lines, MAX_LENGTH 64, commands that switch modes and pause. */
    static final class LineTester extends LineReceiver {
        final List<String> received = new ArrayList<>();
        final Clock clock;
        int length;

        LineTester(Clock clock) {
            this.clock = clock;
            setDelimiter(b("\n"));
            setMaxLength(64);
        }

        @Override
        protected void lineReceived(byte[] bytes) {
            String line = s(bytes);
            received.add(line);
            if (line.isEmpty()) {
                setRawMode();
            } else if (line.equals("pause")) {
                pauseProducing();
                clock.callLater(0, this::resumeProducing);
            } else if (line.equals("rawpause")) {
                pauseProducing();
                setRawMode();
                received.add("");
                clock.callLater(0, this::resumeProducing);
            } else if (line.equals("stop")) {
                stopProducing();
            } else if (line.startsWith("len ")) {
                length = Integer.parseInt(line.substring(4));
            } else if (line.startsWith("produce")) {
                transport.registerProducer(this, false);
            } else if (line.startsWith("unproduce")) {
                transport.unregisterProducer();
            }
        }

        @Override
        protected void rawDataReceived(byte[] data) {
            int n = Math.min(length, data.length);
            length -= n;
            received.set(received.size() - 1, received.get(received.size() - 1) + s(Arrays.copyOf(data, n)));
            if (length == 0) setLineMode(Arrays.copyOfRange(data, n, data.length));
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            if (line.length > getMaxLength() + 1) setLineMode(Arrays.copyOfRange(line, getMaxLength() + 1, line.length));
        }
    }

    /** Collects lines; nothing else. */
    static class Collector extends LineReceiver {
        final List<String> lines = new ArrayList<>();
        final List<byte[]> tooLong = new ArrayList<>();
        boolean keepConnection;

        @Override
        protected void lineReceived(byte[] line) { lines.add(s(line)); }

        @Override
        protected void lineLengthExceeded(byte[] data) {
            tooLong.add(data);
            if (!keepConnection) super.lineLengthExceeded(data);
        }
    }

    static final String BUFFER = "len 10\n\n0123456789len 5\n\n1234\nlen 20\nfoo 123\n\n0123456789\n012345678len 0\n"
            + "foo 5\n\n1234567890123456789012345678901234567890123456789012345678901234567890\nlen 1\n\na";
    static final List<String> OUTPUT = List.of("len 10", "0123456789", "len 5", "1234\n", "len 20", "foo 123",
            "0123456789\n012345678", "len 0", "foo 5", "", "67890", "len 1", "a");

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void anyChunkingGivesTheSameLinesAndRawData(Chunking chunking) {
        LineTester t = new StringTransport().connect(new LineTester(new Clock()));
        chunking.feed(b(BUFFER), t::dataReceived);
        assertEquals(OUTPUT, t.received);
    }

    @Test
    void packetSizesOneToNineGiveTheSameLines() {
        for (int size = 1; size <= 9; size++) {
            LineTester t = new StringTransport().connect(new LineTester(new Clock()));
            byte[] all = b(BUFFER);
            for (int i = 0; i < all.length; i += size) t.dataReceived(Arrays.copyOfRange(all, i, Math.min(all.length, i + size)));
            assertEquals(OUTPUT, t.received, "packet size " + size);
        }
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void defaultsAreCrlfAndMaxLength16384AndLinesLoseTheirDelimiter(Chunking chunking) {
        Collector c = new StringTransport().connect(new Collector());
        assertArrayEquals(b("\r\n"), c.getDelimiter());
        assertEquals(16384, c.getMaxLength());
        chunking.feed(b("one\r\ntwo\nstill two\r\n\r\nthree"), c::dataReceived);
        assertEquals(List.of("one", "two\nstill two", ""), c.lines);
        assertArrayEquals(b("three"), c.clearLineBuffer());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void multiByteDelimiterSplitAcrossChunksIsRecognised(Chunking chunking) {
        Collector c = new StringTransport().connect(new Collector());
        c.setDelimiter(b("<END>"));
        chunking.feed(b("a<EN<END>b<END><END>c<E<END>"), c::dataReceived);
        assertEquals(List.of("a<EN", "b", "", "c<E"), c.lines);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void lineOfExactlyMaxLengthIsAcceptedEvenWithThePartialDelimiterFirst(Chunking chunking) {
        Collector c = new StringTransport().connect(new Collector());
        c.setMaxLength(10);
        byte[] line = b("x".repeat(10));
        chunking.feed(b("x".repeat(10) + "\r"), c::dataReceived);
        assertFalse(c.getTransport().isDisconnecting());
        c.dataReceived(b("\n"));
        assertEquals(List.of(s(line)), c.lines);
        assertFalse(c.getTransport().isDisconnecting());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void unfinishedBufferOfMaxPlusDelimiterMinusOneIsNotYetAnError(Chunking chunking) {
        Collector c = new StringTransport().connect(new Collector());
        chunking.feed(b("x".repeat(LineReceiver.MAX_LENGTH) + "\r"), c::dataReceived);
        assertFalse(c.getTransport().isDisconnecting());
        assertTrue(c.tooLong.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void overLongLineDropsTheConnectionAndNothingAfterIsDelivered(Chunking chunking) {
        Collector c = new StringTransport().connect(new Collector());
        chunking.feed(b("short\r\n" + "x".repeat(LineReceiver.MAX_LENGTH + 1) + "\r\nr\r\n"), c::dataReceived);
        assertTrue(c.getTransport().isDisconnecting());
        assertEquals(List.of("short"), c.lines);
        assertEquals(1, c.tooLong.size());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void bufferOfMaxPlusDelimiterWithoutDelimiterIsTooLong(Chunking chunking) {
        Collector c = new StringTransport().connect(new Collector());
        c.setMaxLength(6);
        chunking.feed(b("x".repeat(8)), c::dataReceived);
        assertEquals(1, c.tooLong.size());
        assertArrayEquals(b("x".repeat(8)), c.tooLong.get(0));
        assertTrue(c.getTransport().isDisconnecting());
    }

    // The data handed to lineLengthExceeded is "the rest of the buffer", which depends on how the bytes
    // were cut; these three pin Twisted's LineReceiverLineLengthExceededTests for a single chunk.

    @Test
    void longUnendedLineIsPassedWhole() {
        Collector c = new StringTransport().connect(new Collector());
        c.keepConnection = true;
        c.setMaxLength(6);
        byte[] excessive = b("x".repeat(14));
        c.dataReceived(excessive);
        assertEquals(1, c.tooLong.size());
        assertArrayEquals(excessive, c.tooLong.get(0));
    }

    @Test
    void longLineAfterShortLineIsPassedWithTheRestOfTheBuffer() {
        Collector c = new StringTransport().connect(new Collector());
        c.keepConnection = true;
        c.setMaxLength(6);
        byte[] excessive = b("x".repeat(14));
        c.dataReceived(concat(b("x\r\n"), excessive));
        assertEquals(List.of("x"), c.lines);
        assertEquals(1, c.tooLong.size());
        assertArrayEquals(excessive, c.tooLong.get(0));
    }

    @Test
    void longLineWithDelimiterIsPassedWithDelimiterAndRest() {
        Collector c = new StringTransport().connect(new Collector());
        c.keepConnection = true;
        c.setMaxLength(6);
        byte[] excessive = b("x".repeat(14) + "\r\n" + "x".repeat(14));
        c.dataReceived(excessive);
        assertEquals(1, c.tooLong.size());
        assertArrayEquals(excessive, c.tooLong.get(0));
        assertTrue(c.lines.isEmpty());
    }

    @Test
    void multipleLongLinesArePassedTogether() {
        Collector c = new StringTransport().connect(new Collector());
        c.keepConnection = true;
        c.setMaxLength(6);
        byte[] excessive = b(("x".repeat(14) + "\r\n").repeat(2));
        c.dataReceived(excessive);
        assertEquals(1, c.tooLong.size());
        assertArrayEquals(excessive, c.tooLong.get(0));
    }

    static final String PAUSE_BUF = "twiddle1\ntwiddle2\npause\ntwiddle3\n";

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void pausingStopsDeliveryMidBufferUntilResumed(Chunking chunking) {
        Clock clock = new Clock();
        StringTransport t = new StringTransport();
        LineTester p = t.connect(new LineTester(clock));
        chunking.feed(b(PAUSE_BUF), p::dataReceived);
        assertEquals(List.of("twiddle1", "twiddle2", "pause"), p.received);
        assertEquals("paused", t.producerState());
        clock.advance(0);
        assertEquals(List.of("twiddle1", "twiddle2", "pause", "twiddle3"), p.received);
        assertEquals("producing", t.producerState());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void pausingInRawModeHoldsRawDataUntilResumed(Chunking chunking) {
        Clock clock = new Clock();
        LineTester p = new StringTransport().connect(new LineTester(clock));
        chunking.feed(b("twiddle1\ntwiddle2\nlen 5\nrawpause\n12345twiddle3\n"), p::dataReceived);
        assertEquals(List.of("twiddle1", "twiddle2", "len 5", "rawpause", ""), p.received);
        clock.advance(0);
        assertEquals(List.of("twiddle1", "twiddle2", "len 5", "rawpause", "12345", "twiddle3"), p.received);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void stopProducingEndsDelivery(Chunking chunking) {
        StringTransport t = new StringTransport();
        LineTester p = t.connect(new LineTester(new Clock()));
        chunking.feed(b("twiddle1\ntwiddle2\nstop\nmore\nstuff\n"), p::dataReceived);
        assertEquals(List.of("twiddle1", "twiddle2", "stop"), p.received);
        assertEquals("stopped", t.producerState());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void noLineIsDeliveredAfterTheTransportStartsDisconnecting(Chunking chunking) {
        Collector c = new StringTransport().connect(new Collector() {
            @Override
            protected void lineReceived(byte[] line) {
                super.lineReceived(line);
                if (s(line).equals("bye")) transport.loseConnection();
            }
        });
        chunking.feed(b("hi\r\nbye\r\nafter\r\nmore\r\n"), c::dataReceived);
        assertEquals(List.of("hi", "bye"), c.lines);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void lineReceiverRegistersItselfAsProducer(Chunking chunking) {
        StringTransport t = new StringTransport();
        LineTester p = t.connect(new LineTester(new Clock()));
        chunking.feed(b("produce\nhello world\nunproduce\ngoodbye\n"), p::dataReceived);
        assertEquals(List.of("produce", "hello world", "unproduce", "goodbye"), p.received);
        assertEquals(null, t.producer());
    }

    @Test
    void pauseResumeAndStopControlLineDeliveryAndTheTransport() {
        StringTransport t = new StringTransport();
        Collector c = t.connect(new Collector());
        c.dataReceived(b("hello, "));
        assertEquals(List.of(), c.lines);
        c.dataReceived(b("world\r\n"));
        assertEquals(List.of("hello, world"), c.lines);

        c.pauseProducing();
        assertTrue(c.isPaused());
        assertEquals("paused", t.producerState());
        c.dataReceived(b("hello\r\nworld\r\n"));
        assertEquals(List.of("hello, world"), c.lines);

        c.resumeProducing();
        assertEquals(List.of("hello, world", "hello", "world"), c.lines);
        assertEquals("producing", t.producerState());

        c.dataReceived(b("goodbye"));
        c.stopProducing();
        assertEquals("stopped", t.producerState());
        c.dataReceived(b("\r\n"));
        assertEquals(List.of("hello, world", "hello", "world"), c.lines);
    }

    /** Flips to raw mode after each line and back after one raw byte: Twisted's FlippingLineTester. */
    static final class Flipper extends LineReceiver {
        final StringBuilder lines = new StringBuilder();
        final StringBuilder raw = new StringBuilder();
        int depth;
        int maxDepth;

        Flipper() { setDelimiter(b("\n")); }

        @Override
        protected void lineReceived(byte[] line) {
            enter();
            lines.append(s(line));
            setRawMode();
            depth--;
        }

        @Override
        protected void rawDataReceived(byte[] data) {
            enter();
            raw.append((char) data[0]);
            setLineMode(Arrays.copyOfRange(data, 1, data.length));
            depth--;
        }

        private void enter() {
            depth++;
            maxDepth = Math.max(maxDepth, depth);
        }
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void thousandsOfModeSwitchesInOneBufferDoNotRecurse(Chunking chunking) {
        Flipper f = new StringTransport().connect(new Flipper());
        int n = 20_000;
        chunking.feed(b("x\nR".repeat(n)), f::dataReceived);
        assertEquals("x".repeat(n), f.lines.toString());
        assertEquals("R".repeat(n), f.raw.toString());
        assertEquals(1, f.maxDepth);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void dataReceivedFromInsideLineReceivedOnlyAppends(Chunking chunking) {
        int[] depth = {0};
        int[] maxDepth = {0};
        Collector c = new StringTransport().connect(new Collector() {
            @Override
            protected void lineReceived(byte[] line) {
                maxDepth[0] = Math.max(maxDepth[0], ++depth[0]);
                super.lineReceived(line);
                if (s(line).equals("a")) dataReceived(b("c\r\n"));
                depth[0]--;
            }
        });
        chunking.feed(b("a\r\nb\r\n"), c::dataReceived);
        assertEquals(1, maxDepth[0]);
        if (chunking == Chunking.WHOLE) {
            // Appended behind "b", which was already buffered.
            assertEquals(List.of("a", "b", "c"), c.lines);
        } else {
            // Appended to whatever is buffered at that moment, possibly mid-line: no byte lost or repeated.
            String joined = String.join("", c.lines);
            assertEquals("abc", joined.chars().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                    StringBuilder::append).toString());
        }
    }

    @Test
    void clearLineBufferReturnsAndDiscardsTheUnparsedBytes() {
        Collector c = new StringTransport().connect(new Collector() {
            @Override
            protected void lineReceived(byte[] line) {
                super.lineReceived(line);
                tooLong.add(clearLineBuffer());
            }
        });
        c.dataReceived(b("foo\r\nbar\r\nbaz"));
        assertEquals(List.of("foo"), c.lines);
        assertEquals("bar\r\nbaz", s(c.tooLong.get(0)));
        c.dataReceived(b("quux\r\n"));
        assertEquals(List.of("foo", "quux"), c.lines);
        assertEquals("", s(c.tooLong.get(1)));
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void setRawModeSendsTheRestOfTheBufferAndLaterDataToRawDataReceived(Chunking chunking) {
        List<String> raw = new ArrayList<>();
        Collector c = new StringTransport().connect(new Collector() {
            @Override
            protected void lineReceived(byte[] line) {
                super.lineReceived(line);
                if (s(line).equals("RAW")) setRawMode();
            }

            @Override
            protected void rawDataReceived(byte[] data) { raw.add(s(data)); }
        });
        chunking.feed(b("one\r\nRAW\r\nbinary\r\nstuff"), c::dataReceived);
        assertEquals(List.of("one", "RAW"), c.lines);
        assertEquals("binary\r\nstuff", String.join("", raw));
        assertFalse(c.isLineMode());
    }

    @Test
    void setLineModeParsesTheExtraBytes() {
        Collector c = new StringTransport().connect(new Collector());
        c.setRawMode();
        c.setLineMode(b("a\r\nb\r\nc"));
        assertEquals(List.of("a", "b"), c.lines);
        c.dataReceived(b("\r\n"));
        assertEquals(List.of("a", "b", "c"), c.lines);
    }

    @Test
    void missingRawDataReceivedOrLineReceivedThrowsUnsupported() {
        LineReceiver bare = new LineReceiver() {};
        new StringTransport().connect(bare);
        assertThrows(UnsupportedOperationException.class, () -> bare.dataReceived(b("line\r\n")));
        LineReceiver rawOnly = new LineReceiver() {};
        new StringTransport().connect(rawOnly);
        rawOnly.setRawMode();
        assertThrows(UnsupportedOperationException.class, () -> rawOnly.dataReceived(b("raw")));
    }

    @Test
    void anExceptionInLineReceivedDoesNotWedgeTheReceiver() {
        Collector c = new StringTransport().connect(new Collector() {
            @Override
            protected void lineReceived(byte[] line) {
                if (s(line).equals("boom")) throw new IllegalStateException("boom");
                super.lineReceived(line);
            }
        });
        assertThrows(IllegalStateException.class, () -> c.dataReceived(b("boom\r\nnext\r\n")));
        c.dataReceived(b("last\r\n"));
        assertEquals(List.of("next", "last"), c.lines);
    }

    @Test
    void sendLineWritesTheLineAndTheDelimiter() {
        StringTransport t = new StringTransport();
        Collector c = t.connect(new Collector());
        c.sendLine(b("hello"));
        assertEquals("hello\r\n", t.valueString());
        t.clear();
        c.setDelimiter(b("\n"));
        c.sendLine(b(""));
        assertEquals("\n", t.valueString());
    }

    @Test
    void manyLinesAreDeliveredInOrder() {
        Collector c = new StringTransport().connect(new Collector());
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            in.append("line ").append(i).append("\r\n");
            expected.add("line " + i);
        }
        Chunking.RANDOM_SEED_42.feed(b(in.toString()), c::dataReceived);
        assertEquals(expected, c.lines);
    }

    @Test
    @Timeout(20)
    void aLongLineArrivingOneByteAtATimeIsScannedOnce() {
        // Rescanning the whole buffer on every byte would take ~10^12 steps here; a single scan takes
        // milliseconds, so the timeout catches a quadratic implementation.
        Collector c = new StringTransport().connect(new Collector());
        int n = 2_000_000;
        c.setMaxLength(n);
        byte[] one = new byte[1];
        one[0] = 'x';
        for (int i = 0; i < n; i++) c.dataReceived(one);
        c.dataReceived(b("\r\n"));
        assertEquals(1, c.lines.size());
        assertEquals(n, c.lines.get(0).length());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
