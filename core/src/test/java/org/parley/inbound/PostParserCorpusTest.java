package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.testing.TestData;

/** The parser against real messages written by others: it never throws and decodes subjects right. */
class PostParserCorpusTest {
    private final PostParser parser = new PostParser("forum.test");

    /** The real messages, and MimeKit's signed ones too. */
    static List<Path> corpus() throws Exception {
        List<Path> all = new ArrayList<>(TestData.realMessages());
        for (String folder : List.of("mimekit/dkim", "mimekit/smime")) {
            try (Stream<Path> files = Files.list(TestData.corpus().resolve(folder))) {
                files.filter(p -> !p.toString().endsWith(".md")).sorted().forEach(all::add);
            }
        }
        return all;
    }

    @Test
    void everyRealMessageParsesWithoutThrowingAndKeepsAnId() throws Exception {
        List<Path> files = corpus();
        assertTrue(files.size() > 60, "corpus too small: " + files.size());
        for (Path file : files) {
            Post post = parser.parse(Files.readAllBytes(file));
            assertFalse(post.messageId().isEmpty(), file.toString());
            assertTrue(post.messageId().startsWith("<") && post.messageId().endsWith(">"), file + " " + post.messageId());
        }
    }

    @Test
    void subjectsDecodeAsMailParserDecodesThem() throws Exception {
        Path subjects = TestData.corpus().resolve("mail-parser");
        int checked = 0;
        for (String line : Files.readAllLines(subjects.resolve("expected-subjects.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            String expected = parts[1].equals("(no subject)") ? "" : parts[1];
            Post post = parser.parse(Files.readAllBytes(subjects.resolve("eml").resolve(parts[0])));
            assertEquals(expected, post.subject(), parts[0]);
            checked++;
        }
        assertTrue(checked >= 50, "checked " + checked);
    }

    @Test
    void aMessageWithoutMessageIdGetsAStableGeneratedOne() {
        byte[] raw = "From: a@b.example\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        Post first = parser.parse(raw);
        assertTrue(first.messageIdGenerated());
        assertEquals(first.messageId(), parser.parse(raw).messageId());
        assertTrue(first.messageId().endsWith("@forum.test>"));
    }

    @Test
    void eightBitUtf8HeadersAndEncodedWordsInLegacyCharsetsDecode() {
        String raw = "From: =?KOI8-R?B?8NLJ18XU?= <ivan@ru.example>\r\n"
                + "Subject: Стратегия и =?ISO-8859-1?Q?strat=E9gie?= =?windows-1256?B?x+HT3cjR?=\r\n\r\nx\r\n";
        Post post = parser.parse(raw.getBytes(StandardCharsets.UTF_8));
        assertTrue(post.subject().startsWith("Стратегия и stratégie"), post.subject());
        assertFalse(post.subject().contains("=?"), post.subject());
        assertEquals("ivan@ru.example", post.fromAddress());
        assertEquals("Привет", post.fromName());
    }

    @Test
    void aSubjectOfFiftyThousandEncodedWordsIsKeptToOneHeaderLineAndANameTo255Chars() {
        // Adjacent encoded words join with no space (RFC 2047, 6.2): 50,000 of them are one 50,000-letter word, which
        // every notice and list copy would encode again (in the one-jar build, for minutes).
        Post post = parser.parse(("From:" + " =?utf-8?Q?=C3=A9?=".repeat(20_000) + " <jean@delegation-fr.test>\r\n"
                + "Subject:" + " =?utf-8?B?w6k=?=".repeat(50_000) + " =?utf-8?B?8J+Ygg==?=\r\n"
                + "Message-ID: <words@client.test>\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("\u00e9".repeat(998), post.subject());
        assertEquals("\u00e9".repeat(255), post.fromName());
        assertEquals("jean@delegation-fr.test", post.fromAddress());
        String emoji = parser.parse(("Subject: " + "a".repeat(997) + "\ud83d\ude02\r\n\r\nx\r\n")
                .getBytes(StandardCharsets.UTF_8)).subject();
        assertEquals("a".repeat(997), emoji, "never half a surrogate pair");
    }

    @Test
    void aMegabyteOfReferencesKeepsTheThreadsRootAndTheNearest49() {
        StringBuilder references = new StringBuilder("References:");
        for (int i = 0; i < 100_000; i++) {
            references.append(" <r").append(i).append("@x>");
        }
        Post post = parser.parse(("From: jean@delegation-fr.test\r\nSubject: Re: x\r\nIn-Reply-To: <r99999@x>\r\n"
                + references + "\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(PostParser.MAX_REFERENCES, post.references().size());
        assertEquals("<r0@x>", post.references().get(0));
        assertEquals("<r99951@x>", post.references().get(1));
        assertEquals(List.of("<r99999@x>", "<r99998@x>"), post.ancestors().subList(0, 2), "nearest first");
        assertEquals("<r0@x>", post.ancestors().get(post.ancestors().size() - 1));
    }

    @Test
    void aDateMoreThanADayAheadIsNoDateAndSoIsDatedByTheArrival() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        Instant arrival = Instant.parse("2026-12-03T11:59:00Z");
        String rest = "From: jean@delegation-fr.test\r\nSubject: x\r\n\r\nHello.\r\n";
        for (String date : List.of("Date: Mon, 1 Jan 99999 00:00:00 +0000\r\n", "Date: Fri, 4 Dec 2026 12:01:00 +0000\r\n",
                "")) {
            Post post = parser.parse((date + rest).getBytes(StandardCharsets.US_ASCII));
            assertEquals(Optional.of(arrival), post.datedAt(now, () -> arrival).sentAt(), date);
        }
        Post clockAhead = parser.parse(("Date: Thu, 3 Dec 2026 20:00:00 +0000\r\n" + rest).getBytes(StandardCharsets.US_ASCII));
        assertEquals(Optional.of(Instant.parse("2026-12-03T20:00:00Z")), clockAhead.datedAt(now, () -> arrival).sentAt(),
                "eight hours ahead is a clock or a time zone, and kept");
    }
}
