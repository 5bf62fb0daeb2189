package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.Message;
import org.junit.jupiter.api.Test;

/** The usual Date is read as Mime4j reads it; every other shape is left to Mime4j. */
class MailDateTest {

    /** Mime4j reads neither shape with a space more or less than usual, which RFC 5322 allows: both are read here. */
    @Test
    void theUsualShapesAreReadAsMime4jReadsThemAndWithTheSpacesItMisses() throws Exception {
        Random random = new Random(20261203);
        String[] shapes = {"EEE, d MMM yyyy HH:mm:ss xx", "d MMM yyyy HH:mm:ss xx", "EEE, dd MMM yyyy HH:mm xx",
            "EEE,  d MMM yyyy HH:mm:ss xx '(UTC)'", "EEE,d MMM yyyy  HH:mm:ss xx",
            "EEE, d MMM yyyy HH:mm:ss xx '(CET)'"};
        int mime4jReads = 0;
        for (int i = 0; i < 3_000; i++) {
            ZoneOffset zone = ZoneOffset.ofTotalSeconds((random.nextInt(57) - 28) * 30 * 60);
            OffsetDateTime time = Instant.ofEpochSecond(random.nextLong(4_102_444_800L)).atOffset(zone);
            String value = DateTimeFormatter.ofPattern(shapes[i % shapes.length], Locale.ENGLISH).format(time);
            Optional<Instant> read = MailDate.usual(value);
            Instant written = shapes[i % shapes.length].contains("ss") ? time.toInstant()
                    : time.toInstant().truncatedTo(ChronoUnit.MINUTES);
            assertEquals(Optional.of(written), read, value);
            Optional<Instant> mime4j = mime4j(value);
            if (mime4j.isPresent()) {
                mime4jReads++;
                assertEquals(mime4j, read, value);
            }
        }
        assertTrue(mime4jReads >= 2_000, "Mime4j read only " + mime4jReads);
        assertEquals(mime4j("thu, 3 dec 2026 23:10:40 -0000"), MailDate.usual("thu, 3 dec 2026 23:10:40 -0000"));
    }

    /** Java's RFC_1123_DATE_TIME and Python's formatdate(usegmt=True) write GMT; old mail writes EST and its kin. */
    @Test
    void theZonesRfc5322ReadsByNameAreRead() throws Exception {
        String gmt = "Thu, 3 Dec 2026 23:10:40 GMT";
        assertEquals(Optional.of(Instant.parse("2026-12-03T23:10:40Z")), MailDate.usual(gmt));
        assertEquals(mime4j(gmt), MailDate.usual(gmt));
        assertEquals(Optional.of(Instant.parse("2026-12-04T04:10:40Z")), MailDate.usual("3 Dec 2026 23:10:40 est"));
        assertEquals(Optional.of(Instant.parse("2026-12-04T06:10:40Z")), MailDate.usual("3 Dec 2026 23:10:40 PDT"));
        assertEquals(Optional.of(Instant.parse("2026-12-03T23:10:40Z")), MailDate.usual("3 Dec 2026 23:10:40 UT"));
    }

    @Test
    void otherShapesAndImpossibleDatesAreLeftToMime4j() {
        for (String value : new String[] {"Thu, 3 Dec 26 23:10:40 +0000", "Thu, 3 Dec 2026 23:10:40 CET",
            "Mon, 3 Dec 2026 23:10:40 +0000", "Sat, 31 Feb 2026 10:00:00 +0100", "3 Dec 2026 24:00:00 +0000",
            "3 Dec 2026 23:10:40 +2400", "3 Foo 2026 23:10:40 +0000", "3 Dec 2026 23:10:40 +0000 (a) (b)",
            "2026-12-03T23:10:40Z", "", "3 Dec 2026 23:10:40 +0000 trailing words"}) {
            assertEquals(Optional.empty(), MailDate.usual(value), value);
        }
    }

    @Test
    void everyUsualDateOfTheCorpusIsReadAsMime4jReadsIt() throws Exception {
        int usual = 0;
        for (Path file : PostParserCorpusTest.corpus()) {
            Message message;
            try {
                message = PostParser.parseMessage(new ByteArrayInputStream(Files.readAllBytes(file)));
            } catch (IOException | MimeException | RuntimeException e) {
                continue; // the parser holds such a message as unparseable: it has no date to read
            }
            String value = PostParser.value(message.getHeader(), "Date");
            Optional<Instant> read = MailDate.usual(value);
            if (read.isPresent()) {
                usual++;
                assertEquals(Optional.ofNullable(message.getDate()).map(Date::toInstant), read, file + ": " + value);
            }
        }
        assertTrue(usual > 30, "only " + usual + " usual dates in the corpus");
    }

    private static Optional<Instant> mime4j(String value) throws Exception {
        byte[] raw = ("Date: " + value + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        return Optional.ofNullable(PostParser.parseMessage(new ByteArrayInputStream(raw)).getDate())
                .map(Date::toInstant);
    }
}
