package netmon.engine.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The ways framing tests cut a byte stream into {@code dataReceived} calls: whole, one byte at a time,
 * and split at random points with several fixed seeds. Use it as the source of a
 * {@code @ParameterizedTest @EnumSource(Chunking.class)}.
 */
public enum Chunking {
    WHOLE(0),
    BYTE_AT_A_TIME(0),
    RANDOM_SEED_1(1),
    RANDOM_SEED_42(42),
    RANDOM_SEED_2026(2026),
    RANDOM_SEED_9001(9001);

    private final long seed;

    Chunking(long seed) { this.seed = seed; }

    /** Cuts {@code data} into the chunks this way gives; their concatenation is {@code data}. */
    public List<byte[]> split(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        if (this == WHOLE) {
            out.add(data.clone());
            return out;
        }
        Random random = new Random(seed);
        int i = 0;
        while (i < data.length) {
            int n = this == BYTE_AT_A_TIME ? 1 : 1 + random.nextInt(Math.max(1, Math.min(data.length / 3, 40)));
            n = Math.min(n, data.length - i);
            out.add(Arrays.copyOfRange(data, i, i + n));
            i += n;
        }
        return out;
    }

    /** Hands {@code data} to {@code sink} chunk by chunk. */
    public void feed(byte[] data, Consumer<byte[]> sink) {
        for (byte[] chunk : split(data)) sink.accept(chunk);
    }
}
