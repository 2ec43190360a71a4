package netmon.engine.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Splits fuzz input into the chunk patterns a socket may deliver: whole, one byte at a time, random. */
final class Chunks {
    private Chunks() {}

    static List<byte[]> whole(byte[] data) { return List.of(data); }

    static List<byte[]> bytewise(byte[] data) {
        List<byte[]> out = new ArrayList<>(data.length);
        for (byte b : data) out.add(new byte[] {b});
        return out;
    }

    /** Random cuts chosen by {@code seed}, empty chunks included now and then (a read may deliver none). */
    static List<byte[]> random(byte[] data, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < data.length) {
            int n = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(Math.min(64, data.length - at));
            out.add(Arrays.copyOfRange(data, at, at + n));
            at += n;
        }
        return out;
    }
}
