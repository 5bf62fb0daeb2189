package org.parley.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {

    private static String encode(String text) {
        return new String(QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    private static byte[] decode(byte[] qp) throws IOException {
        try (var in = new QuotedPrintableInputStream(new ByteArrayInputStream(qp), DecodeMonitor.STRICT)) {
            return in.readAllBytes();
        }
    }

    @Test
    void plainAsciiStaysAsItIsAndTheRestIsEncoded() {
        assertEquals("Dear colleagues,\r\n", encode("Dear colleagues,\r\n"));
        assertEquals("Caf=C3=A9 =3D 2 =E2=82=AC", encode("Café = 2 €"));
        assertEquals("tab\there", encode("tab\there"));
    }

    @Test
    void whitespaceAtALinesEndIsEncodedSoThatNoRelayStripsIt() {
        assertEquals("end=20\r\nnext=09\r\nlast=20", encode("end \r\nnext\t\r\nlast "));
        assertEquals("-- \r\n".replace(" ", "=20"), encode("-- \r\n"));
    }

    @Test
    void longLinesAreBrokenSoftlyAt76Characters() {
        String line = "x".repeat(200);
        String qp = encode(line);
        for (String l : qp.split("\r\n")) {
            assertTrue(l.length() <= 76, l.length() + ": " + l);
        }
        assertEquals(line, qp.replace("=\r\n", ""));
        // An encoded character is never split by a soft break.
        String accents = encode("é".repeat(60));
        for (String l : accents.split("\r\n")) {
            assertTrue(l.length() <= 76 && l.replaceAll("=[0-9A-F]{2}", "").matches("=?"), l);
        }
    }

    @Test
    void anyTextComesBackWhole() throws IOException {
        Random random = new Random(7);
        String alphabet = "abc XYZ=\t.\r\n\u00e9\u20ac\u0434\u4e2d\u0627 ";
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String crlf = text.toString().replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
            byte[] bytes = crlf.getBytes(StandardCharsets.UTF_8);
            byte[] qp = QuotedPrintable.encode(bytes);
            assertArrayEquals(bytes, decode(qp), crlf);
            for (String l : new String(qp, StandardCharsets.US_ASCII).split("\r\n", -1)) {
                assertTrue(l.length() <= 76, l);
                assertTrue(!l.endsWith(" ") && !l.endsWith("\t"), "no whitespace at a line's end: [" + l + "]");
                assertTrue(l.chars().allMatch(c -> c >= 32 && c <= 126 || c == '\t'), l);
            }
        }
    }
}
