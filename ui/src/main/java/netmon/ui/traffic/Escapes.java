package netmon.ui.traffic;

import java.util.Locale;

/**
 * Renders captured bytes for people without letting the bytes act on the screen: control characters,
 * ANSI escape sequences, bidi overrides, invisible format characters and invalid UTF-8 are shown as
 * escapes ({@code \e[31m}, {@code \u202E}, {@code \xC3}) and never interpreted. A newline is shown as
 * {@code \n} followed by a real line break, so line-based protocols stay readable.
 */
public final class Escapes {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Escapes() {}

    /** The bytes as escaped UTF-8 text. */
    public static String text(byte[] b) { return text(b, 0, b.length); }

    /** {@code len} bytes from {@code off} as escaped UTF-8 text. */
    public static String text(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 16);
        int i = off, end = off + len;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                ascii(sb, c);
                i++;
                continue;
            }
            int need = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 ? (c <= 0xEF ? 2 : -1) : c >= 0xC2 ? 1 : -1;
            if (need < 0 || i + need >= end) { // not a lead byte, or the sequence runs past the chunk
                hexByte(sb, c);
                i++;
                continue;
            }
            int cp = c & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07);
            boolean ok = true;
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (ok && (need == 2 && cp < 0x800 || need == 3 && (cp < 0x10000 || cp > 0x10FFFF) || cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
            if (!ok) {
                hexByte(sb, c);
                i++;
                continue;
            }
            codePoint(sb, cp);
            i += need + 1;
        }
        return sb.toString();
    }

    private static void ascii(StringBuilder sb, int c) {
        switch (c) {
            case '\n' -> sb.append("\\n\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x1B -> sb.append("\\e");
            case 0 -> sb.append("\\0");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (c < 0x20 || c == 0x7F) hexByte(sb, c);
                else sb.append((char) c);
            }
        }
    }

    private static void codePoint(StringBuilder sb, int cp) {
        int type = Character.getType(cp);
        boolean unsafe = cp <= 0x9F // C1 controls
                || type == Character.FORMAT // bidi overrides and isolates, zero-width joiners, BOM, ...
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.CONTROL
                || type == Character.SURROGATE;
        if (unsafe) sb.append(String.format(Locale.ROOT, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", cp));
        else sb.appendCodePoint(cp);
    }

    private static void hexByte(StringBuilder sb, int c) {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
    }

    /**
     * A hex dump, 16 bytes a line: the stream offset, the bytes in hex (a gap after eight), and the
     * printable ASCII with dots for everything else.
     */
    public static String hex(byte[] b, int off, int len, long streamOffset) {
        StringBuilder sb = new StringBuilder((len / 16 + 1) * 78);
        for (int line = 0; line < len; line += 16) {
            long o = streamOffset + line;
            for (int s = 28; s >= 0; s -= 4) sb.append(HEX[(int) (o >>> s) & 15]);
            sb.append("  ");
            int n = Math.min(16, len - line);
            for (int k = 0; k < 16; k++) {
                if (k == 8) sb.append(' ');
                if (k < n) {
                    int c = b[off + line + k] & 0xFF;
                    sb.append(HEX[c >> 4]).append(HEX[c & 15]).append(' ');
                } else {
                    sb.append("   ");
                }
            }
            sb.append(" |");
            for (int k = 0; k < n; k++) {
                int c = b[off + line + k] & 0xFF;
                sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            sb.append('|');
            if (line + 16 < len) sb.append('\n');
        }
        return sb.toString();
    }

    /** Parses hex digits, ignoring spaces, colons and an optional {@code 0x} per byte; null if malformed. */
    public static byte[] parseHex(String s) {
        String t = s.replaceAll("0[xX]", "").replaceAll("[\\s:,]", "");
        if (t.length() % 2 != 0) return null;
        byte[] out = new byte[t.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(t.charAt(2 * i), 16), lo = Character.digit(t.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) return null;
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
