package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MboxTest {
    private static List<String> read(String mbox) throws IOException {
        Mbox.Reader reader = new Mbox.Reader(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)));
        List<String> out = new ArrayList<>();
        for (Optional<byte[]> m = reader.next(); m.isPresent(); m = reader.next()) {
            out.add(new String(m.get(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void messagesAreSplitAtFromLinesAfterAnEmptyLineAndUnescaped() throws IOException {
        List<String> messages = read("From a@x.test Mon Jun  3 12:50:27 1996\nSubject: one\n\nbody\n>From here\n"
                + "From inside a paragraph is not a separator\n\nFrom b@x.test Tue Jun  4 12:50:27 1996\n"
                + "Subject: two\n\nsecond\n\n\n");
        assertEquals(2, messages.size());
        assertEquals("Subject: one\r\n\r\nbody\r\nFrom here\r\nFrom inside a paragraph is not a separator\r\n",
                messages.get(0));
        assertEquals("Subject: two\r\n\r\nsecond\r\n\r\n", messages.get(1), "its own empty line stays, the format's goes");
    }

    @Test
    void whatIsWrittenIsReadBackByteForByte() throws IOException {
        byte[] raw = ("Subject: s\r\n\r\nFrom the start\r\n>From quoted\r\n\r\nFrom after a blank\r\nend\r\n")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Mbox.write(out, "a@x.test", Instant.parse("2026-11-24T10:00:00Z"), raw);
        Mbox.write(out, "", Instant.parse("2026-11-25T10:00:00Z"), raw);
        String file = out.toString(StandardCharsets.UTF_8);
        assertTrue(file.startsWith("From a@x.test Tue Nov 24 10:00:00 2026\nSubject: s\n\n>From the start\n>>From quoted\n"),
                file);
        assertTrue(file.contains("\nFrom MAILER-DAEMON Wed Nov 25 10:00:00 2026\n"), file);
        List<String> back = read(file);
        assertEquals(List.of(new String(raw, StandardCharsets.UTF_8), new String(raw, StandardCharsets.UTF_8)), back);
    }

    @Test
    void aRealMboxGivesItsTwentyNineMessages() throws IOException {
        try (InputStream in = MboxTest.class.getResourceAsStream("/corpus/mimekit/mbox/content-length.mbox.txt")) {
            Mbox.Reader reader = new Mbox.Reader(in);
            int count = 0;
            for (Optional<byte[]> m = reader.next(); m.isPresent(); m = reader.next()) {
                count++;
                assertTrue(new String(m.get(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n"), "headers and body");
            }
            assertEquals(29, count, "as MimeKit's own summary of the file says");
        }
    }
}
