package netmon.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscapesTest {
    static String t(String s) { return Escapes.text(s.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void ansiEscapesAreShownNotInterpreted() {
        assertEquals("\\e[31mred\\e[0m", t("\u001b[31mred\u001b[0m"));
    }

    @Test
    void bidiOverridesAndInvisibleFormatCharactersAreEscaped() {
        assertEquals("abc\\u202Egnp.exe", t("abc\u202Egnp.exe"));
        assertEquals("\\u2066x\\u2069\\u200B\\uFEFF", t("\u2066x\u2069\u200B\uFEFF"));
    }

    @Test
    void controlCharactersAreEscapedAndNewlinesStayReadable() {
        assertEquals("a\\r\\n\nb\\t\\0\\x07\\x7F\\\\", t("a\r\nb\t\0\u0007\u007f\\"));
    }

    @Test
    void validUtf8IsShownAndInvalidBytesAsHex() {
        assertEquals("héllo ✓", t("héllo ✓"));
        assertEquals("\\xC3(\\xFF", Escapes.text(new byte[] {(byte) 0xC3, '(', (byte) 0xFF}));
        assertEquals("\\xE2\\x9C", Escapes.text(new byte[] {(byte) 0xE2, (byte) 0x9C}), "a sequence cut by the chunk end");
        assertEquals("\\xC0\\x80", Escapes.text(new byte[] {(byte) 0xC0, (byte) 0x80}), "overlong NUL");
        assertEquals("\\u0085", t("\u0085"), "C1 control");
    }

    @Test
    void hexDumpShowsOffsetBytesAndAscii() {
        byte[] b = "hello, world!\r\n\u0000AB".getBytes(StandardCharsets.ISO_8859_1);
        String dump = Escapes.hex(b, 0, b.length, 0x10);
        assertEquals("00000010  68 65 6C 6C 6F 2C 20 77  6F 72 6C 64 21 0D 0A 00  |hello, world!...|\n"
                   + "00000020  41 42                                             |AB|", dump);
    }

    @Test
    void hexParsesWithSeparatorsAndRejectsJunk() {
        assertArrayEquals(new byte[] {(byte) 0xDE, (byte) 0xAD, 0x0d, 0x0a}, Escapes.parseHex("de:ad 0x0d 0A"));
        assertNull(Escapes.parseHex("abc"));
        assertNull(Escapes.parseHex("zz"));
    }
}
