package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.FRENCH_MEMBERS;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.JOHN;
import static org.parley.e2e.ForumFixture.MODERATOR;
import static org.parley.e2e.ForumFixture.PABLO;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.HeldMessage;
import org.parley.model.HeldState;

class ModerationByEmailTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir);
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private MimeMessage holdJeansPost() throws Exception {
        assertEquals(250, forum.post(JEAN, "strategies-fr", "Stratégie nationale", "Bonjour à tous,\r\nvoici notre plan.").code());
        return forum.awaitOne(MODERATOR, "Held for moderation");
    }

    private HeldMessage onlyHeld() {
        List<HeldMessage> held = forum.admin().held(Optional.empty());
        assertEquals(1, held.size());
        return held.get(0);
    }

    @Test
    void aDelegatePostIsHeldThenApprovedByAnOutlookReplyAndReachesEveryFrenchMember() throws Exception {
        MimeMessage notice = holdJeansPost();
        assertTrue(Replies.replyAddress(notice).matches("strategies-fr-moderation\\+[a-z2-7]+@forum\\.test"),
                Replies.replyAddress(notice));
        Multipart parts = (Multipart) notice.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(1).isMimeType("message/rfc822"), parts.getBodyPart(1).getContentType());
        assertTrue(((String) parts.getBodyPart(0).getContent()).contains("every post to this list is moderated"));
        assertEquals("auto-generated", notice.getHeader("Auto-Submitted")[0]);
        MimeMessage ack = forum.awaitOne(JEAN, "attend la modération");
        assertTrue(((String) ack.getContent()).contains("chaque contribution à cette liste est modérée"));

        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "Approve"));

        for (String member : FRENCH_MEMBERS) {
            MimeMessage copy = forum.awaitOne(member, "[strategies-fr] Stratégie nationale");
            assertTrue(copy.getHeader("List-Id")[0].endsWith("<strategies-fr.forum.test>"));
            assertEquals("<mailto:strategies-fr@forum.test>", copy.getHeader("List-Post")[0]);
            assertTrue(copy.getHeader("List-Unsubscribe")[0].contains("<https://forum.test/unsubscribe/"));
            assertTrue(copy.getHeader("List-Unsubscribe")[0].contains("mailto:strategies-fr-request@forum.test"));
            assertEquals("List-Unsubscribe=One-Click", copy.getHeader("List-Unsubscribe-Post")[0]);
            assertTrue(copy.getHeader("List-Help")[0].contains("strategies-fr-request@forum.test"));
            assertTrue(copy.getHeader("List-Archive")[0].contains("https://forum.test/lists/strategies-fr"));
            assertTrue(copy.getMessageID().endsWith("@client.test>"));
            assertTrue(copy.getHeader("Return-Path")[0].matches("<strategies-fr-bounces\\+[a-z2-7]+@forum\\.test>"),
                    copy.getHeader("Return-Path")[0]);
            String text = (String) copy.getContent();
            assertTrue(text.startsWith("Bonjour à tous,\r\nvoici notre plan."), text);
            assertTrue(text.contains("Pour quitter la liste"), text);
        }
        forum.awaitOne(MODERATOR, "Done: approved");
        forum.settle();
        assertTrue(forum.inbox(PABLO).isEmpty(), "the Spanish list got nothing");

        HeldMessage held = forum.forum.store().read(tx -> tx.held().find(1L)).orElseThrow();
        assertEquals(HeldState.APPROVED, held.state());
        List<AuditEntry> audit = forum.forum.store().read(tx -> tx.audit().about(held.id()));
        assertEquals(1, audit.size());
        assertEquals(MODERATOR, audit.get(0).actor());
        assertEquals(Channel.EMAIL, audit.get(0).channel());
        assertEquals("approve", audit.get(0).verdict());
        assertEquals("applied", audit.get(0).outcome());
    }

    @Test
    void aRejectionWithAReasonIsSentToTheAuthorInTheirLanguageAndNothingIsDistributed() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "Rejeter : hors sujet pour ce salon"));
        MimeMessage rejection = forum.awaitOne(JEAN, "n'a pas été accepté");
        assertTrue(((String) rejection.getContent()).contains("Motif : hors sujet pour ce salon"));
        forum.awaitOne(MODERATOR, "C'est fait");
        forum.settle();
        assertTrue(forum.inbox(AMINATA).isEmpty());
        assertEquals(HeldState.REJECTED, forum.forum.store().read(tx -> tx.held().find(1L)).orElseThrow().state());
        assertEquals("hors sujet pour ce salon",
                forum.forum.store().read(tx -> tx.held().find(1L)).orElseThrow().decided().orElseThrow().reason());
    }

    @Test
    void aDiscardDropsThePostWithoutTellingAnyone() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "descartar"));
        forum.awaitOne(MODERATOR, "Hecho");
        forum.settle();
        assertEquals(1, forum.inbox(JEAN).size(), "only the acknowledgement");
        assertTrue(forum.inbox(AMINATA).isEmpty());
        assertEquals(HeldState.DISCARDED, forum.forum.store().read(tx -> tx.held().find(1L)).orElseThrow().state());
    }

    @Test
    void aReplyFromSomeoneWhoIsNotAModeratorChangesNothingAndSaysWhy() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.send(JOHN, Replies.replyAddress(notice), Replies.outlook(JOHN, notice, "Approve"));
        MimeMessage answer = forum.awaitOne(JOHN, "Nothing was changed");
        assertTrue(((String) answer.getContent()).contains("you are not a moderator of this list"));
        assertTrue(onlyHeld().pending());
        List<AuditEntry> audit = forum.forum.store().read(tx -> tx.audit().about(1L));
        assertEquals("refused: refused.not-moderator", audit.get(0).outcome());
        assertEquals(JOHN, audit.get(0).actor());
    }

    @Test
    void aReplyWithATamperedTokenChangesNothingAndSaysWhy() throws Exception {
        MimeMessage notice = holdJeansPost();
        String address = Replies.replyAddress(notice);
        int plus = address.indexOf('+');
        char c = address.charAt(plus + 5);
        String forged = address.substring(0, plus + 5) + (c == 'a' ? 'b' : 'a') + address.substring(plus + 6);
        forum.send(MODERATOR, forged, Replies.outlookTo(MODERATOR, forged, notice, "Approve"));
        MimeMessage answer = forum.awaitOne(MODERATOR, "Nothing was changed");
        assertTrue(((String) answer.getContent()).contains("not one this forum gave out"));
        assertTrue(onlyHeld().pending());
    }

    @Test
    void aReplyAfterTheTokenExpiredChangesNothingAndSaysWhy() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.clock.advance(Duration.ofDays(15));
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "Approve"));
        MimeMessage answer = forum.awaitOne(MODERATOR, "Nothing was changed");
        assertTrue(((String) answer.getContent()).contains("the time to decide on this message is over"));
        assertTrue(onlyHeld().pending());
    }

    @Test
    void aSecondDecisionIsRefusedPolitelyAndNothingIsSentTwice() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "Approve"));
        forum.awaitOne(MODERATOR, "Done: approved");
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "Reject: spam"));
        MimeMessage answer = forum.awaitOne(MODERATOR, "Nothing was changed");
        assertTrue(((String) answer.getContent()).contains("already decided (approved by " + MODERATOR + ")"),
                (String) answer.getContent());
        forum.settle();
        assertEquals(1, forum.inbox(AMINATA).size());
        assertEquals(HeldState.APPROVED, forum.forum.store().read(tx -> tx.held().find(1L)).orElseThrow().state());
    }

    @Test
    void anHtmlOnlyReplyWithASpanishCommandAndAnRvPrefixApproves() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.htmlOnly(MODERATOR, notice, "RV:", "Aprobar"));
        forum.awaitOne(AMINATA, "[strategies-fr] Stratégie nationale");
        MimeMessage done = forum.awaitOne(MODERATOR, "Hecho");
        assertTrue(((String) done.getContent()).contains("aprobado y enviado a la lista"));
    }

    @Test
    void aReplyWithoutACommandChangesNothingAndSaysWhatItExpects() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "Looks fine to me"));
        MimeMessage answer = forum.awaitOne(MODERATOR, "Nothing was changed");
        assertTrue(((String) answer.getContent()).contains("no command was found"));
        assertTrue(onlyHeld().pending());
    }

    /** A one-part reply of the moderator's, plain (as a terminal client writes it) or HTML (as a webmail does). */
    private String reply(MimeMessage notice, String type, String body) throws Exception {
        return "From: " + MODERATOR + "\r\nTo: " + Replies.replyAddress(notice) + "\r\nSubject: Re: held\r\n"
                + "Message-ID: <" + System.nanoTime() + ".reply@secretariat.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: " + type + "; charset=utf-8\r\n\r\n" + body;
    }

    private String plainReply(MimeMessage notice, String text) throws Exception {
        return reply(notice, "text/plain", text);
    }

    private void assertNoCommandAndStillHeld() throws Exception {
        MimeMessage answer = forum.awaitOne(MODERATOR, "Nothing was changed");
        assertTrue(((String) answer.getContent()).contains("no command was found"));
        assertTrue(onlyHeld().pending());
        forum.settle();
        assertTrue(forum.inbox(AMINATA).isEmpty(), "nothing distributed");
    }

    @Test
    void aCommandOnTheSecondLineUnderARemarkIsNotRead() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.send(MODERATOR, Replies.replyAddress(notice), plainReply(notice, "Looks suspicious to me, do not\r\napprove\r\n"));
        assertNoCommandAndStillHeld();
    }

    @Test
    void anIndentedCommandUnderARemarkIsNotRead() throws Exception {
        MimeMessage notice = holdJeansPost();
        forum.send(MODERATOR, Replies.replyAddress(notice), plainReply(notice, "Not now.\r\n    approve\r\n"));
        assertNoCommandAndStillHeld();
    }

    @Test
    void aPostersApproveQuotedInAnHtmlReplyIsNotReadAsTheModeratorsCommand() throws Exception {
        assertEquals(250, forum.post(JEAN, "strategies-fr", "Piège", "Bonjour,\r\napprove\r\nMerci").code());
        MimeMessage notice = forum.awaitOne(MODERATOR, "Held for moderation");
        String html = reply(notice, "text/html", "<html><body><div>I am not sure about this one.</div><br>"
                + "<blockquote type=\"cite\"><div>Bonjour,</div><div>approve</div><div>Merci</div></blockquote></body></html>\r\n");
        forum.send(MODERATOR, Replies.replyAddress(notice), html);
        assertNoCommandAndStillHeld();
    }

    @Test
    void aPostersApproveAfterOutlooksReplyHeaderIsNotRead() throws Exception {
        MimeMessage notice = holdJeansPost();
        String html = reply(notice, "text/html", "<html><body><div>Checking with the chair.</div><hr>"
                + "<div id=\"divRplyFwdMsg\"><b>From:</b> Parley</div><div><div>approve</div></div></body></html>\r\n");
        forum.send(MODERATOR, Replies.replyAddress(notice), html);
        assertNoCommandAndStillHeld();
    }
}
