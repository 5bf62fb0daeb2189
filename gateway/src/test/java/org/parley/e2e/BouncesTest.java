package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.MODERATOR;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.AuditEntry;

/** Real bounces and a real spam complaint sent back to the VERP address of a copy. */
class BouncesTest {
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

    private static String sisimai(String name) throws IOException {
        try (InputStream in = BouncesTest.class.getResourceAsStream("/bounces/sisimai/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String outcome() {
        return forum.forum.store().read(tx -> tx.arrivals().outcome(tx.arrivals().newest().orElseThrow()))
                .orElseThrow().replaceFirst("^DONE ", "");
    }

    @Test
    void eachKindOfReturnGetsItsOutcome() throws Exception {
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Calendrier", "Proposition.").code());
        MimeMessage copy = forum.awaitOne(AMINATA, "[strategies-fr] Calendrier");
        String returnPath = copy.getHeader("Return-Path")[0].replaceAll("[<>]", "");

        // Postfix's report for an unknown user: a failed delivery, recorded.
        forum.send("", returnPath, sisimai("lhost-postfix-01.eml").getBytes(StandardCharsets.ISO_8859_1));
        forum.settle();
        assertEquals("bounce: failed " + AMINATA, outcome());
        // An out-of-office answer to the copy: dropped, not a bounce.
        forum.send("", returnPath, ("From: " + AMINATA + "\r\nTo: " + returnPath + "\r\nSubject: Absence du bureau"
                + "\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <ooo@delegation-sn.test>\r\n\r\nJe suis absente.\r\n")
                .getBytes(StandardCharsets.UTF_8));
        forum.settle();
        assertEquals("bounce: automatic reply, dropped", outcome());
        long bounces = forum.forum.store().read(tx -> tx.bounces().count(AMINATA));
        assertEquals(1, bounces);

        // A return with a forged token goes to the moderators, as it came.
        String forged = returnPath.replaceAll("\\+[a-z2-7]+@", "+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@");
        forum.send("", forged, sisimai("lhost-postfix-01.eml").getBytes(StandardCharsets.ISO_8859_1));
        forum.settle();
        assertTrue(outcome().startsWith("bounce: unmatched, forwarded to"), outcome());
        assertTrue(forum.inbox(MODERATOR).stream().anyMatch(m -> {
            try {
                return m.getSubject().contains("Undelivered");
            } catch (Exception e) {
                return false;
            }
        }));

        // A spam complaint (RFC 5965) about the copy: Aminata leaves the list, is told why, and it is audited.
        forum.send("", returnPath, sisimai("arf-01.eml").getBytes(StandardCharsets.ISO_8859_1));
        forum.settle();
        assertEquals("bounce: complaint, left strategies-fr", outcome());
        assertTrue(forum.forum.store().read(tx -> tx.members().subscriptions(
                tx.members().find(AMINATA).orElseThrow().id())).isEmpty());
        MimeMessage told = forum.awaitOne(AMINATA, "Votre demande");
        assertTrue(ForumFixture.text(told).contains("comme indésirable"), ForumFixture.text(told));
        List<AuditEntry> audit = forum.forum.store().read(tx -> tx.audit().recent(0, 5));
        assertTrue(audit.stream().anyMatch(a -> a.verdict().equals("complaint") && a.actor().equals(AMINATA)), audit.toString());
    }
}
