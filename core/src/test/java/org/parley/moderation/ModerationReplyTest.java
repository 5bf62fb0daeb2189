package org.parley.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModerationReplyTest {
    private static Optional<ModerationReply.Command> read(String text) {
        return ModerationReply.read(text);
    }

    @Test
    void outlookTopPostedApprovalAboveTheQuotedNoticeCounts() {
        String reply = "Approve\r\n\r\n"
                + "________________________________\r\n"
                + "From: Parley forum <strategies-fr-owner@forum.example.org>\r\n"
                + "Sent: Tuesday, 24 November 2026 10:00\r\n"
                + "Subject: [strategies-fr] Held for moderation: x\r\n\r\n"
                + "  reject     return it to the author\r\n";
        assertEquals(Action.APPROVE, read(reply).orElseThrow().action());
    }

    @Test
    void frenchAndSpanishCommandsWithAccentsAndCapitalsAreUnderstood() {
        assertEquals(Action.APPROVE, read("Approuvé").isPresent() ? Action.APPROVE : null);
        assertEquals("fr", read("APPROUVER\n").orElseThrow().language());
        assertEquals(Action.REJECT, read("Rejeter : hors sujet").orElseThrow().action());
        assertEquals("hors sujet", read("Rejeter : hors sujet").orElseThrow().reason());
        assertEquals(Action.APPROVE, read("aprobar").orElseThrow().action());
        assertEquals("es", read("Rechazar").orElseThrow().language());
        assertEquals(Action.DISCARD, read("descartar").orElseThrow().action());
        assertEquals(Action.DISCARD, read("Supprimer").orElseThrow().action());
    }

    @Test
    void theReasonOfARejectionMayBeTheParagraphBelowIt() {
        var command = read("reject\nThis is off topic for this room.\nPlease use training-en.\n\n> quoted").orElseThrow();
        assertEquals(Action.REJECT, command.action());
        assertEquals("This is off topic for this room. Please use training-en.", command.reason());
    }

    @Test
    void onlyTheFirstCommandLineCounts() {
        assertEquals(Action.DISCARD, read("discard\napprove\n").orElseThrow().action());
    }

    @Test
    void blankLinesBeforeTheCommandAreSkippedButAGreetingIsNot() {
        assertEquals(Action.APPROVE, read("\n \n\u00a0\napprove\n").orElseThrow().action());
        assertTrue(read("Hi,\n\napprove\n").isEmpty(), "only the first line of text counts");
    }

    @Test
    void aCommandBelowARemarkIsNoCommand() {
        assertTrue(read("Looks suspicious to me, do not\napprove\n").isEmpty());
        assertTrue(read("Not now.\n    approve\n").isEmpty());
        assertTrue(read("Not now.\n\napprove\n").isEmpty());
    }

    @Test
    void aQuoteHeaderInRussianArabicOrChineseEndsARejectionsReason() {
        assertEquals("не по теме", read("Отклонить\nне по теме\n1 декабря 2026 г. Иван написал:\nодобрить\n")
                .orElseThrow().reason());
        assertEquals("خارج الموضوع", read("رفض\nخارج الموضوع\nفي 1 ديسمبر، كتب عمر:\nموافقة\n").orElseThrow().reason());
        assertEquals("与主题无关", read("拒绝\n与主题无关\n李伟 写道：\n批准\n").orElseThrow().reason());
    }

    @Test
    void aSignatureIsNoCommand() {
        assertTrue(read("-- \napprove\n").isEmpty());
    }

    @Test
    void anIndentedQuotationEndsTheReasonOfARejection() {
        assertEquals("Off topic.", read("reject\nOff topic.\n    approve this, said the poster\n").orElseThrow().reason());
    }

    @Test
    void commandsInsideTheQuotedOriginalDoNotCount() {
        assertTrue(read("Thanks\n\nOn Tue, 24 Nov 2026, Parley wrote:\n> approve\n").isEmpty());
        assertTrue(read("Merci\n\nDe : Parley\nEnvoyé : mardi\napprouver\n").isEmpty());
        assertTrue(read("> approve\n").isEmpty());
    }

    @Test
    void aWordThatOnlyStartsLikeACommandIsNoCommand() {
        assertTrue(read("approves are welcome\n").isEmpty());
        assertTrue(read("I would not approve this\n").isEmpty());
    }

    @Test
    void markupLeftFromHtmlAroundTheCommandIsIgnored() {
        assertEquals(Action.APPROVE, read("  *Approve*  \n").orElseThrow().action());
        assertEquals(Action.APPROVE, read("\u00a0approve.\n").orElseThrow().action());
    }

    @Test
    void commandsAreUnderstoodInTheSixLanguages() {
        String[][] cases = {{"approve", "en", "APPROVE"}, {"Approuver", "fr", "APPROVE"}, {"Aprobar", "es", "APPROVE"},
                {"Одобрить", "ru", "APPROVE"}, {"موافقة", "ar", "APPROVE"}, {"批准", "zh", "APPROVE"},
                {"Отклонить: не по теме", "ru", "REJECT"}, {"رفض", "ar", "REJECT"}, {"拒绝：与主题无关", "zh", "REJECT"},
                {"удалить", "ru", "DISCARD"}, {"حذف", "ar", "DISCARD"}, {"丢弃", "zh", "DISCARD"}};
        for (String[] c : cases) {
            var command = read(c[0] + "\n\n> quoted").orElseThrow(() -> new AssertionError(c[0]));
            assertEquals(Action.valueOf(c[2]), command.action(), c[0]);
            assertEquals(c[1], command.language(), c[0]);
        }
        assertEquals("не по теме", read("Отклонить: не по теме").orElseThrow().reason());
        assertEquals("与主题无关", read("拒绝：与主题无关").orElseThrow().reason());
    }

    @Test
    void approveAllIsReadInEveryLanguage() {
        for (String text : new String[]{"approve all", "Approuver tout", "aprobar todos", "одобрить все",
                "موافقة للجميع", "批准 全部", "批准全部"}) {
            var command = read(text).orElseThrow(() -> new AssertionError(text));
            assertEquals(Action.APPROVE, command.action(), text);
            assertTrue(command.allLanguages(), text);
        }
        assertTrue(!read("approve").orElseThrow().allLanguages());
        assertTrue(!read("reject all of it").orElseThrow().allLanguages());
    }
}
