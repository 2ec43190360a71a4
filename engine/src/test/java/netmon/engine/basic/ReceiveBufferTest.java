package netmon.engine.basic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReceiveBufferTest {
    @Test
    void randomAppendsAndTakesMatchASimpleModel() {
        Random r = new Random(99);
        ReceiveBuffer buf = new ReceiveBuffer();
        byte[] model = new byte[0];
        for (int step = 0; step < 20_000; step++) {
            if (r.nextInt(3) > 0) {
                byte[] more = new byte[r.nextInt(50)];
                r.nextBytes(more);
                int off = more.length == 0 ? 0 : r.nextInt(more.length);
                buf.append(more, off, more.length - off);
                ByteArrayOutputStream m = new ByteArrayOutputStream();
                m.writeBytes(model);
                m.write(more, off, more.length - off);
                model = m.toByteArray();
            } else {
                int n = model.length == 0 ? 0 : r.nextInt(model.length + 1);
                assertArrayEquals(Arrays.copyOf(model, n), buf.take(n));
                model = Arrays.copyOfRange(model, n, model.length);
            }
            assertEquals(model.length, buf.size());
        }
        assertArrayEquals(model, buf.takeAll());
    }

    @Test
    void indexOfFindsTheFirstDelimiterAtOrAfterFrom() {
        ReceiveBuffer buf = new ReceiveBuffer();
        buf.append("xxab\r\ncd\r\n".getBytes());
        buf.skip(2);
        byte[] crlf = {'\r', '\n'};
        assertEquals(2, buf.indexOf(crlf, 0));
        assertEquals(6, buf.indexOf(crlf, 3));
        assertEquals(-1, buf.indexOf(crlf, 7));
        assertEquals(-1, buf.indexOf("zz".getBytes(), 0));
    }
}
