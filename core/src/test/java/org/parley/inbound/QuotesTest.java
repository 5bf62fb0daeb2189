package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Where replies start quoting, in the words clients write, and the quick tests that spare most lines the patterns. */
class QuotesTest {
    @Test
    void theLinesWithWhichClientsStartQuotingAreFoundInEachLanguage() {
        for (String line : List.of("-----Original Message-----", "-------- Message d'origine --------",
                "  ----- Mensaje original -----", "-----Ursprüngliche Nachricht-----", "________________________________",
                "From: Jean Dupont <jean@delegation.test>", "De : Jean", "Envoyé : lundi 2 décembre", "SENT: Monday",
                "On Mon, 2 Dec 2026 at 10:00, Jean <jean@delegation.test> wrote:", "Le 2 déc. 2026 à 10:00, Jean a écrit :",
                "El lun, 2 dic 2026, Pablo escribió:", "2 дек. 2026 г., в 10:00, Ольга написала:",
                "Ольга пишет：", "في 2 ديسمبر 2026، كتب ليلى:", "От: Ольга", "Отправлено: понедельник", "من: ليلى",
                "发件人: 魏", "發件人：魏", "发送时间: 2026年12月2日", "2026年12月2日 魏 写道：", "> quoted text",
                "\u00a0>\u00a0quoted after a non-breaking space")) {
            assertTrue(Quotes.starts(line), line);
            assertTrue(Quotes.starts(line, false), line);
        }
        for (String line : List.of("", "   ", "Dear colleagues,", "From the floor, the delegate asked:",
                "Le document est en annexe.", "Deux points :", "See below: ", "-- ", "---", "Only wrote", "-> next")) {
            assertFalse(Quotes.starts(line), line);
        }
    }

    /** The quick tests must never turn away a line that a pattern matches: every line of the test corpora, and random ones. */
    @Test
    void theQuickTestsAgreeWithThePatternsOnEveryLine() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/corpus"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                lines.addAll(List.of(text.split("\r?\n")));
            }
        }
        Random random = new Random(20261203);
        String alphabet = " \t\u00a0:：>-_fromdevonsentleElOnwroteécritescribióнаписалпишетكتبотمن发件人發送时间写道Ax";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int n = random.nextInt(24); n > 0; n--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(line.toString());
        }
        int starts = 0;
        for (String line : lines) {
            boolean everyPattern = Quotes.starts(line, false);
            assertEquals(everyPattern, Quotes.starts(line), line);
            starts += everyPattern ? 1 : 0;
        }
        assertTrue(starts > 100, "the corpora and random lines hold quotation starts: " + starts);
    }

    @Test
    void plainTextOfAsciiIsWhatTheNormalizerWouldGive() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append((char) random.nextInt(0x80));
            }
            assertEquals(PlainText.decomposed(text.toString()), PlainText.of(text.toString()));
        }
        assertEquals("approuve", PlainText.of("  Approuvé\u00a0"));
        assertEquals("hello", PlainText.of("\tHeLLo \r"));
        assertEquals("كتب", PlainText.of("كَتَبَ"), "Arabic vowel marks go");
    }
}
