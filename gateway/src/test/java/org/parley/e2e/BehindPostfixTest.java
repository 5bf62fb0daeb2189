package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.demo.SmtpSubmission;
import org.parley.relay.SmtpReply;

/**
 * Parley behind a real Postfix, configured with the README's lines: Postfix takes the forum's
 * domain, refuses an address that is not the forum's during the SMTP conversation (no
 * backscatter), hands posts to Parley over LMTP and relays Parley's copies; a post sent while
 * Parley is down waits in Postfix's queue and is delivered once Parley is back.
 */
class BehindPostfixTest {
    @TempDir
    Path dir;
    ForumFixture forum;
    Postfix postfix;

    @AfterEach
    void stop() throws Exception {
        if (postfix != null) {
            postfix.close();
        }
        if (forum != null) {
            forum.close();
        }
    }

    private SmtpReply rcpt(int port, String recipient) throws Exception {
        try (SmtpSubmission smtp = SmtpSubmission.connect("127.0.0.1", port, false)) {
            assertTrue(smtp.command("MAIL FROM:<" + ForumFixture.CLAIRE + ">").ok());
            return smtp.command("RCPT TO:<" + recipient + ">");
        }
    }

    private void post(int port, String subject, String id) throws Exception {
        String raw = ForumFixture.message(ForumFixture.CLAIRE, ForumFixture.list("strategies-fr"), subject, id,
                "Bonjour à tous.");
        try (SmtpSubmission smtp = SmtpSubmission.connect("127.0.0.1", port, false)) {
            SmtpReply reply = smtp.send(ForumFixture.CLAIRE, List.of(ForumFixture.list("strategies-fr")),
                    raw.getBytes(StandardCharsets.UTF_8)).get(0);
            assertTrue(reply.ok(), reply + "\n" + postfix.log());
        }
    }

    @Test
    void postfixRefusesUnknownAddressesHandsPostsOverLmtpAndKeepsThemWhileParleyIsDown() throws Exception {
        assumeTrue(Postfix.available(), "needs root and Debian's postfix package (.ci/run installs it)");
        int smtpPort = ServeProcess.freePort();
        int lmtpPort = ServeProcess.freePort();
        forum = ForumFixture.start(dir, loader -> loader.set("parley.inbound.protocol", "lmtp")
                .set("parley.inbound.port", String.valueOf(lmtpPort))
                .set("parley.outbound.port", String.valueOf(smtpPort)));
        ForumFixture.Run maps = forum.parley("", "postfix-maps");
        assertEquals(0, maps.code(), maps.err());
        assertTrue(maps.out().contains("strategies-fr@forum.test OK\n"), maps.out());
        assertTrue(maps.out().contains("strategies-fr-bounces@forum.test OK\n"), maps.out());
        postfix = Postfix.start(ForumFixture.DOMAIN, smtpPort, lmtpPort, forum.relayPort(), maps.out());

        // An address the forum does not have is refused while the sender is still connected.
        SmtpReply unknown = rcpt(smtpPort, "nobody@forum.test");
        assertEquals(550, unknown.code(), unknown.toString());
        SmtpReply noList = rcpt(smtpPort, "no-such-list-request@forum.test");
        assertEquals(550, noList.code(), noList.toString());
        assertEquals(250, rcpt(smtpPort, "strategies-fr-bounces+abc123@forum.test").code(), "a VERP address, by its base");
        assertEquals(250, rcpt(smtpPort, "postmaster@forum.test").code());

        // A post, end to end: Postfix -> LMTP -> Parley -> Postfix -> the members' mail server.
        post(smtpPort, "Par Postfix", "<postfix-1@delegation-fr.test>");
        // One slice, one connection to Postfix: each copy's envelope pipelined behind the message before it.
        for (String member : ForumFixture.FRENCH_MEMBERS) {
            MimeMessage copy = forum.awaitOne(member, "Par Postfix");
            assertTrue(String.join(" ", copy.getHeader("Received")).contains("mx.forum.test"),
                    "the copy went out through Postfix: " + String.join(" | ", copy.getHeader("Received")));
        }

        // Parley down: Postfix keeps the post, and hands it over once Parley is back.
        forum.stopForum();
        post(smtpPort, "Pendant la panne", "<postfix-2@delegation-fr.test>");
        Thread.sleep(1500);
        assertTrue(postfix.log().contains("postfix-2") || postfix.log().contains("deferred"), postfix.log());
        assertTrue(forum.inbox(ForumFixture.JEAN).stream().noneMatch(m -> subjectHas(m, "Pendant la panne")));
        forum.startForum();
        postfix.flush();
        forum.awaitOne(ForumFixture.JEAN, "Pendant la panne");
        assertEquals(1, forum.inbox(ForumFixture.JEAN).stream().filter(m -> subjectHas(m, "Pendant la panne")).count(),
                "delivered once");

        // A new room: the administrator writes the table again and runs postmap, as the README says.
        assertEquals(0, forum.parley("", "room", "create", "patents", "--title", "Patents", "--languages", "fr").code());
        assertEquals(550, rcpt(smtpPort, "patents-fr@forum.test").code(), "not in the table yet");
        ForumFixture.Run written = forum.parley("", "postfix-maps", "-o", postfix.map().toString());
        assertEquals(0, written.code(), written.err());
        assertTrue(written.out().contains("postmap " + postfix.map()), written.out());
        postfix.postmap();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (rcpt(smtpPort, "patents-fr@forum.test").code() != 250) {
            assertTrue(System.nanoTime() < deadline, "Postfix never took the new list: " + postfix.log());
            Thread.sleep(500);
        }
    }

    private static boolean subjectHas(MimeMessage m, String part) {
        try {
            return m.getSubject() != null && m.getSubject().contains(part);
        } catch (MessagingException e) {
            return false;
        }
    }
}
