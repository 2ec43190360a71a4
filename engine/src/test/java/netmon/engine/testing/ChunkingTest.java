package netmon.engine.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChunkingTest {
    @ParameterizedTest
    @EnumSource(Chunking.class)
    void chunksConcatenateToTheInput(Chunking chunking) {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        List<byte[]> chunks = chunking.split(data);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            assertTrue(c.length > 0);
            joined.writeBytes(c);
        }
        assertArrayEquals(data, joined.toByteArray());
        switch (chunking) {
            case WHOLE -> assertEquals(1, chunks.size());
            case BYTE_AT_A_TIME -> assertEquals(1000, chunks.size());
            default -> assertTrue(chunks.size() > 1 && chunks.size() < 1000);
        }
    }
}
