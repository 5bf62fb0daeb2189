package org.parley.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static LineReader reader(String text, int buffer) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), buffer);
    }

    @Test
    void wholeLinesKeepTheirBytesAndSayHowTheyEnded() throws IOException {
        LineReader in = reader("HELO a\r\nbare\nlast", 4);
        assertArrayEquals("HELO a".getBytes(StandardCharsets.US_ASCII), in.readLine(100));
        assertTrue(in.endedWithCrLf());
        assertArrayEquals("bare".getBytes(StandardCharsets.US_ASCII), in.readLine(100));
        assertFalse(in.endedWithCrLf());
        assertArrayEquals("last".getBytes(StandardCharsets.US_ASCII), in.readLine(100));
        assertNull(in.readLine(100));
    }

    @Test
    void aLineOverTheLimitIsSkippedAndReported() throws IOException {
        LineReader in = reader("x".repeat(50) + "\r\nnext\r\n", 8);
        assertThrows(LineReader.TooLong.class, () -> in.readLine(10));
        assertArrayEquals("next".getBytes(StandardCharsets.US_ASCII), in.readLine(10));
    }

    @Test
    void theStartOfALineIsKeptAndTheRestOnlyScanned() throws IOException {
        LineReader in = reader("Message-ID: <a@b>\r\n" + "y".repeat(5000) + "\r\n\r\n.\r\n", 16);
        byte[] start = new byte[12];
        assertEquals(12, in.readLineStart(start));
        assertEquals("Message-ID: ", new String(start, StandardCharsets.US_ASCII));
        assertEquals(12, in.readLineStart(start));
        assertEquals("y".repeat(12), new String(start, StandardCharsets.US_ASCII));
        assertEquals(0, in.readLineStart(start));
        Arrays.fill(start, (byte) 0);
        assertEquals(1, in.readLineStart(start));
        assertEquals('.', start[0]);
        assertEquals(-1, in.readLineStart(start));
    }
}
