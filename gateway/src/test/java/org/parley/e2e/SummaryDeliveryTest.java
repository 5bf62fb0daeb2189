package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.MODERATOR;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.ArchivedMessage;
import org.parley.model.HeldMessage;
import org.parley.moderation.Action;

/** Confidential delivery: what leaves the forum by mail is what the Member States agreed to send. */
class SummaryDeliveryTest {
    private static final String POST = "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Premier point sur les brevets.\r\n\r\nDeuxième point, sur les délais.\r\n"
            + "Troisième ligne confidentielle : zanzibar.\r\nQuatrième : ornithorynque.\r\n"
            + "--b\r\nContent-Type: application/pdf; name=\"annexe.pdf\"\r\nContent-Disposition: attachment;"
            + " filename=\"annexe.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nQVRUQUNITUVOVC1CWVRFUw==\r\n--b--\r\n";

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

    @Test
    void aSummaryCopyCarriesNoWordPastItsExcerptNorAnyFileAndRepliesByMailStillWork() throws Exception {
        ForumFixture.Run set = forum.parley("", "room", "policy", "strategies-fr", "--delivery", "summary",
                "--summary-lines", "2");
        assertEquals(0, set.code(), set.err());
        assertEquals("strategies-fr: copies carry a summary with 2 lines of the text and a link to the archive\n", set.out());
        String raw = "From: Claire Moreau <" + CLAIRE + ">\r\nTo: strategies-fr@forum.test\r\nSubject: Brevets\r\n"
                + "Message-ID: <summary-1@client.test>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + POST;
        assertEquals(250, forum.send(CLAIRE, "strategies-fr@forum.test", raw).code());

        MimeMessage copy = forum.awaitOne(AMINATA, "[strategies-fr] Brevets");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copy.writeTo(bytes);
        String whole = bytes.toString(StandardCharsets.ISO_8859_1);
        String text = ForumFixture.text(copy);
        assertTrue(copy.isMimeType("text/plain"), copy.getContentType());
        assertTrue(text.contains("Claire Moreau <" + CLAIRE + "> (FR)"), text);
        assertTrue(text.contains("Premier point sur les brevets.") && text.contains("Deuxième point, sur les délais."), text);
        assertTrue(text.contains("https://forum.test/lists/strategies-fr/messages/"), text);
        assertTrue(text.contains("pièces jointes : 1"), text);
        for (String secret : new String[] {"zanzibar", "ornithorynque", "Troisi", "annexe.pdf", "QVRUQUNITUVOVC1CWVRFUw",
                "ATTACHMENT-BYTES"}) {
            assertFalse(whole.contains(secret), "the copy holds nothing past the excerpt: " + secret);
        }
        assertEquals("<summary-1@client.test>", copy.getMessageID(), "the same Message-ID, so replies thread");
        assertTrue(copy.getHeader("List-Post")[0].contains("strategies-fr@forum.test"));

        ArchivedMessage archived = forum.forum.store().read(tx -> tx.archive().withMessageId("<summary-1@client.test>"))
                .get(0);
        assertTrue(forum.forum.store().read(tx -> tx.archive().bodyText(archived.id())).orElseThrow()
                .contains("zanzibar"), "the archive keeps the whole post, behind login");

        String reply = ForumFixture.message(AMINATA, "strategies-fr@forum.test", "Re: [strategies-fr] Brevets",
                "<summary-2@client.test>", "D'accord.").replace("Message-ID:",
                "In-Reply-To: <summary-1@client.test>\r\nReferences: <summary-1@client.test>\r\nMessage-ID:");
        assertEquals(250, forum.send(AMINATA, "strategies-fr@forum.test", reply).code());
        forum.settle();
        for (HeldMessage held : forum.admin().held(Optional.empty())) {
            forum.admin().decide(held.id(), Action.APPROVE, "", MODERATOR);
        }
        MimeMessage second = forum.awaitOne(JEAN, "Re: [strategies-fr] Brevets");
        assertTrue(ForumFixture.text(second).contains("D'accord."));
        ArchivedMessage answered = forum.forum.store().read(tx -> tx.archive().withMessageId("<summary-2@client.test>"))
                .get(0);
        assertEquals(archived.threadId(), answered.threadId(), "a reply by mail joins the thread");

        forum.parley("", "room", "policy", "strategies-fr", "--delivery", "full");
        assertEquals(2, forum.parley("", "room", "policy", "strategies-fr").code(), "one of the two options is needed");
        assertEquals(2, forum.parley("", "room", "policy", "strategies-fr", "--delivery", "secret").code());
    }
}
