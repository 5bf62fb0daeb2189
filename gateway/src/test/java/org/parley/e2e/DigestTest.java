package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.JOHN;
import static org.parley.e2e.ForumFixture.LAYLA;
import static org.parley.e2e.ForumFixture.PABLO;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.Delivery;
import org.parley.model.Role;

/** Digests as members who chose them read them: one a day, in their own language, whole posts inside. */
class DigestTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.languages", "en,fr,es,ar"));
        forum.admin().addMember(LAYLA, "Layla Hassan", "EG", "ar", Role.DELEGATE, true, false);
        forum.admin().subscribe(LAYLA, List.of("strategies-es"));
        forum.acceptProtocol(LAYLA);
        forum.forum.store().run(tx -> {
            for (String reader : List.of(LAYLA, PABLO)) {
                tx.members().subscribe(tx.members().find(reader).orElseThrow().id(), "strategies-es", Delivery.DIGEST,
                        forum.clock.instant());
            }
        });
        ForumFixture.Run daily = forum.parley("", "room", "policy", "strategies-es", "--digest", "daily");
        assertEquals(0, daily.code(), daily.err());
        assertEquals("strategies-es: digests go out every day\n", daily.out());
        assertEquals(0, forum.parley("", "member", "set", JOHN, "--trusted").code());
        forum.admin().subscribe(JOHN, List.of("strategies-es"));
        forum.forum.chores(); // the first digest covers the time from now
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private static Message parse(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(out.toByteArray()));
    }

    private static String text(Entity e) throws Exception {
        TextBody body = (TextBody) e.getBody();
        return new String(body.getInputStream().readAllBytes(), body.getMimeCharset());
    }

    @Test
    void aDailyDigestInArabicAndOneInSpanishEachWithTheTopicsAndThePostsInside() throws Exception {
        assertEquals(250, forum.post(JOHN, "strategies-es", "Calendario de reuniones", "Propongo el martes.").code());
        assertEquals(250, forum.send(JOHN, "strategies-es@forum.test", ("From: John Smith <" + JOHN + ">\r\n"
                + "To: strategies-es@forum.test\r\nSubject: =?utf-8?q?Patentes_y_se=C3=B1ales?=\r\n"
                + "Message-ID: <patentes@client.test>\r\nDate: Tue, 24 Nov 2026 11:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nLa señal es clara.\r\n--b\r\nContent-Type: application/pdf;"
                + " name=\"nota.pdf\"\r\nContent-Disposition: attachment; filename=\"nota.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8)).code());
        forum.settle();
        assertEquals(0, forum.inbox(PABLO).size(), "a digest reader gets no single copies");

        forum.clock.advance(Duration.ofDays(1).plusMinutes(1));
        forum.forum.chores();
        forum.settle();
        MimeMessage spanish = forum.awaitOne(PABLO, "Resumen: 2 mensajes");
        MimeMessage arabic = forum.awaitOne(LAYLA, "ملخص: 2");

        for (MimeMessage copy : List.of(spanish, arabic)) {
            Message digest = parse(copy);
            assertEquals("multipart/mixed", digest.getMimeType());
            assertTrue(copy.getHeader("List-Id")[0].contains("strategies-es.forum.test"));
            assertTrue(copy.getHeader("List-Unsubscribe")[0].contains("https://forum.test/unsubscribe/"));
            assertEquals("List-Unsubscribe=One-Click", copy.getHeader("List-Unsubscribe-Post")[0]);
            List<Entity> parts = ((Multipart) digest.getBody()).getBodyParts();
            assertEquals("text/plain", parts.get(0).getMimeType());
            assertEquals("multipart/digest", parts.get(1).getMimeType());
            List<String> ids = new ArrayList<>();
            for (Entity part : ((Multipart) parts.get(1).getBody()).getBodyParts()) {
                assertEquals("message/rfc822", part.getMimeType());
                ids.add(((Message) part.getBody()).getMessageId());
            }
            assertEquals(2, ids.size());
            assertTrue(ids.contains("<patentes@client.test>"), ids.toString());
            Message inner = (Message) ((Multipart) parts.get(1).getBody()).getBodyParts().get(1).getBody();
            assertEquals("multipart/mixed", inner.getMimeType(), "the post travels whole, its attachment too");
        }
        String es = text(((Multipart) parse(spanish).getBody()).getBodyParts().get(0));
        assertTrue(es.contains("Temas de este resumen:"), es);
        assertTrue(es.contains("   1. Calendario de reuniones (John Smith, "), es);
        assertTrue(es.contains("   2. Patentes y señales (John Smith, "), es);
        assertTrue(es.contains("La señal es clara."), es);
        assertTrue(es.contains("Fin del resumen de strategies-es@forum.test"), es);
        String ar = text(((Multipart) parse(arabic).getBody()).getBodyParts().get(0));
        assertTrue(ar.contains("موضوعات هذا الملخص:"), ar);
        assertTrue(ar.contains("Patentes y señales (John Smith, "), ar);
        assertTrue(ar.contains("Propongo el martes."), ar);
        assertEquals("ar", arabic.getHeader("Content-Language")[0]);

        // A day without posts sends nothing.
        int before = forum.inbox(PABLO).size();
        forum.clock.advance(Duration.ofDays(1).plusMinutes(1));
        forum.forum.chores();
        forum.settle();
        assertEquals(before, forum.inbox(PABLO).size());
    }

    @Test
    void aSummaryListsDigestCarriesNoWordPastTheSummaryNorAnyFile() throws Exception {
        assertEquals(0, forum.parley("", "room", "policy", "strategies-es", "--delivery", "summary", "--summary-lines", "1")
                .code());
        assertEquals(250, forum.post(JOHN, "strategies-es", "Confidencial", "Primera línea.\nSegunda: zanzibar.").code());
        forum.settle();
        forum.clock.advance(Duration.ofDays(1).plusMinutes(1));
        forum.forum.chores();
        forum.settle();
        MimeMessage digest = forum.awaitOne(PABLO, "Resumen: 1 mensajes");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        digest.writeTo(raw);
        String whole = raw.toString(StandardCharsets.UTF_8);
        assertTrue(ForumFixture.text(digest).contains("Primera línea."), ForumFixture.text(digest));
        assertTrue(!whole.contains("zanzibar") && !whole.contains("multipart/digest"), whole);
        assertEquals(2, forum.parley("", "room", "policy", "strategies-es", "--digest", "hourly").code());
    }
}
