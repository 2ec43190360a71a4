package netmon.ui.client;

import java.nio.charset.StandardCharsets;
import netmon.ui.traffic.Escapes;

/** Turns what the user typed into the bytes to send: text with a chosen line ending, or hex. */
public final class Payloads {
    /** What ends a text line. */
    public enum LineEnding {
        NONE("none", ""), LF("\\n", "\n"), CRLF("\\r\\n", "\r\n");

        private final String label;
        private final String bytes;

        LineEnding(String label, String bytes) {
            this.label = label;
            this.bytes = bytes;
        }

        /** The ending as shown in the chooser. */
        public String label() { return label; }

        @Override
        public String toString() { return label; }
    }

    private Payloads() {}

    /** {@code text} as UTF-8 followed by {@code ending}. */
    public static byte[] text(String text, LineEnding ending) {
        return (text + ending.bytes).getBytes(StandardCharsets.UTF_8);
    }

    /** Hex digits (spaces, colons and {@code 0x} allowed) as bytes; throws with the reason if malformed. */
    public static byte[] hex(String hex) {
        byte[] b = Escapes.parseHex(hex);
        if (b == null) throw new IllegalArgumentException("not hex: use pairs of 0-9/a-f, e.g. 48 69 0d 0a");
        return b;
    }
}
