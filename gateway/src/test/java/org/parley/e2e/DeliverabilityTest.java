package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;

import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.SettingsLoader;
import org.parley.dkim.DkimKey;
import org.parley.model.ArchivedMessage;
import org.parley.model.Delivery;
import org.parley.model.Role;
import org.parley.testing.DkimCheck;
import org.parley.testing.LoopbackDns;

/**
 * Mail that must arrive: every copy signed with the forum's keys (checked by jDKIM and
 * dkimpy, as a receiver would, against the published records), and a post from a domain
 * that publishes p=reject sent From the list, so that DKIM aligns with From.
 */
class DeliverabilityTest {
    private static final String SOPHIE = "sophie.martin@gmail.com";
    @TempDir
    Path dir;
    LoopbackDns dns;
    ForumFixture forum;
    Map<String, String> records;

    @BeforeEach
    void start() throws Exception {
        // The French delegation's domain asks receivers to refuse what it did not sign; Senegal's publishes nothing.
        dns = new LoopbackDns().txt("_dmarc.delegation-fr.test", "v=DMARC1; p=reject; adkim=r");
    }

    private void startForum(String action) throws IOException {
        startForum(action, "always");
    }

    private void startForum(String action, String links) throws IOException {
        forum = ForumFixture.start(dir, loader -> keys(loader, action, links));
    }

    private void keys(SettingsLoader loader, String action, String links) {
        try {
            if (records == null) {
                DkimKey ed = DkimKey.generate(dir, "ed2026", DkimKey.Algorithm.ED25519);
                DkimKey rsa = DkimKey.generate(dir, "rsa2026", DkimKey.Algorithm.RSA);
                records = Map.of("ed2026", ed.dnsRecord(), "rsa2026", rsa.dnsRecord());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loader.set("parley.dkim.selectors", "ed2026,rsa2026").set("parley.dns.resolver", dns.address())
                .set("parley.dmarc.rewrite-from", "quarantine").set("parley.dmarc.action", action)
                .set("parley.dkim.sign-unsubscribe", links);
    }

    @AfterEach
    void stop() {
        if (forum != null) {
            forum.close();
        }
        dns.close();
    }

    private static byte[] raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    /** Both signatures verify, and their d= is the domain of the From the reader sees. */
    private void signedAndAligned(MimeMessage m, boolean aligned) throws Exception {
        byte[] raw = raw(m);
        assertEquals(List.of("rsa2026"), DkimCheck.jdkim(raw, records), "jDKIM: the RSA signature");
        assertTrue(DkimCheck.dkimpy(raw, records, dir), "dkimpy: both signatures");
        Matcher d = Pattern.compile("(?m)^DKIM-Signature:.*? d=([^;]+);").matcher(new String(raw, StandardCharsets.ISO_8859_1));
        assertTrue(d.find());
        String from = ((InternetAddress) m.getFrom()[0]).getAddress();
        assertEquals(aligned, from.endsWith("@" + d.group(1)), from + " and d=" + d.group(1));
    }

    @Test
    void aPostFromAPRejectDomainGoesOutFromTheListSignedAndAlignedOthersAsWritten() throws Exception {
        startForum("munge");
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Calendrier", "Proposition de calendrier.").code());
        MimeMessage copy = forum.awaitOne(AMINATA, "[strategies-fr] Calendrier");
        assertEquals("Claire Moreau via strategies-fr <strategies-fr@forum.test>", copy.getHeader("From")[0]);
        assertEquals(CLAIRE, ((InternetAddress) copy.getReplyTo()[0]).getAddress(), "replies reach the author");
        signedAndAligned(copy, true);
        String oneClick = copy.getHeader("List-Unsubscribe")[0];
        assertTrue(oneClick.contains("https://forum.test/unsubscribe/"), oneClick);
        assertTrue(new String(raw(copy), StandardCharsets.ISO_8859_1).contains(":list-unsubscribe:list-unsubscribe-post;"),
                "the one-click link is signed");

        String messageId = copy.getMessageID();
        ArchivedMessage archived = forum.forum.store().read(tx -> tx.archive().withMessageId(messageId)).get(0);
        assertEquals(CLAIRE, archived.sender(), "the archive shows the real author");

        assertEquals(0, forum.parley("", "member", "set", AMINATA, "--trusted").code());
        assertEquals(250, forum.post(AMINATA, "strategies-fr", "Réponse", "D'accord.").code());
        MimeMessage plain = forum.awaitOne(JEAN, "[strategies-fr] Réponse");
        assertEquals(AMINATA, ((InternetAddress) plain.getFrom()[0]).getAddress(), "no policy: From as written");
        signedAndAligned(plain, false);

        // A notice: the answer to a help request.
        assertEquals(250, forum.send(JEAN, "strategies-fr-request@forum.test",
                ForumFixture.message(JEAN, "strategies-fr-request@forum.test", "help", "<help-1@client.test>", "help")).code());
        forum.settle();
        MimeMessage answer = forum.inbox(JEAN).stream().filter(m -> !m.equals(plain)).reduce((a, b) -> b).orElseThrow();
        signedAndAligned(answer, true);
    }

    @Test
    void wrappedTheAuthorsMessageTravelsWholeInsideOneFromTheList() throws Exception {
        startForum("wrap");
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Annexe", "Le texte de Claire.").code());
        MimeMessage copy = forum.awaitOne(AMINATA, "[strategies-fr] Annexe");
        assertEquals("strategies-fr@forum.test", ((InternetAddress) copy.getFrom()[0]).getAddress());
        signedAndAligned(copy, true);
        Multipart parts = (Multipart) copy.getContent();
        assertTrue(parts.getBodyPart(0).isMimeType("message/rfc822"));
        MimeMessage inner = (MimeMessage) parts.getBodyPart(0).getContent();
        assertEquals(CLAIRE, ((InternetAddress) inner.getFrom()[0]).getAddress());
        assertTrue(((String) inner.getContent()).contains("Le texte de Claire."));
        assertTrue(Files.exists(DkimKey.file(dir, "ed2026")));
    }

    @Test
    void everyKindOfCopyIsSignedAndAListMayPutTheAuthorInCc() throws Exception {
        startForum("munge", "providers");
        // A delegate who reads the list at a mailbox provider: only her copies' links are signed one by one.
        forum.relay.setUser(SOPHIE, SOPHIE, ForumFixture.PASSWORD);
        forum.admin().addMember(SOPHIE, "Sophie Martin", "BE", "fr", Role.DELEGATE, false, false);
        forum.admin().subscribe(SOPHIE, List.of("strategies-fr"));
        ForumFixture.Run cc = forum.parley("", "room", "policy", "strategies-fr", "--dmarc", "munge-cc");
        assertEquals(0, cc.code(), cc.err());
        assertEquals("strategies-fr: copies from strict DMARC domains go out From the list, the author in Reply-To and Cc\n",
                cc.out());
        assertEquals(2, forum.parley("", "room", "policy", "strategies-fr", "--dmarc", "bounce").code());

        // Multipart with an attachment: the footer goes in a part of its own.
        String mixed = "From: Claire Moreau <" + CLAIRE + ">\r\nTo: strategies-fr@forum.test\r\nCc: Paul <paul@elsewhere.test>"
                + "\r\nSubject: Annexe jointe\r\nMessage-ID: <mixed@client.test>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain;"
                + " charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nVoir l'annexe, s'il vous plaît.\r\n--b\r\n"
                + "Content-Type: application/pdf; name=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
        assertEquals(250, forum.send(CLAIRE, "strategies-fr@forum.test", mixed).code());
        MimeMessage multipart = forum.awaitOne(AMINATA, "[strategies-fr] Annexe jointe");
        signedAndAligned(multipart, true);
        assertTrue(!new String(raw(multipart), StandardCharsets.ISO_8859_1).contains(":list-unsubscribe"),
                "a ministry's copy: one signature for the post, without the link");
        MimeMessage sophies = forum.awaitOne(SOPHIE, "[strategies-fr] Annexe jointe");
        signedAndAligned(sophies, true);
        assertTrue(new String(raw(sophies), StandardCharsets.ISO_8859_1).contains(":list-unsubscribe:list-unsubscribe-post;"),
                "a provider's copy: its own signature, over its link too");
        String ccs = String.join(",", multipart.getHeader("Cc"));
        assertTrue(ccs.contains("paul@elsewhere.test") && ccs.contains(CLAIRE), ccs);

        // A signed message (multipart/signed) is wrapped whole beside the footer, its own signature intact.
        String signed = "From: Claire Moreau <" + CLAIRE + ">\r\nTo: strategies-fr@forum.test\r\nSubject: Signé"
                + "\r\nMessage-ID: <signed@client.test>\r\nDate: Tue, 24 Nov 2026 10:05:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; micalg=pgp-sha256; boundary=s\r\n\r\n"
                + "--s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSigned text.\r\n--s\r\n"
                + "Content-Type: application/pgp-signature\r\n\r\n-----BEGIN PGP SIGNATURE-----\r\nAAAA\r\n"
                + "-----END PGP SIGNATURE-----\r\n--s--\r\n";
        assertEquals(250, forum.send(CLAIRE, "strategies-fr@forum.test", signed).code());
        signedAndAligned(forum.awaitOne(AMINATA, "[strategies-fr] Sign"), true);

        // A digest.
        forum.forum.store().run(tx -> tx.members().subscribe(tx.members().find(JEAN).orElseThrow().id(), "strategies-fr",
                Delivery.DIGEST, forum.clock.instant()));
        forum.forum.chores();
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Pour le résumé", "Texte.").code());
        forum.settle();
        forum.clock.advance(Duration.ofDays(8));
        forum.forum.chores();
        signedAndAligned(forum.awaitOne(JEAN, "Résumé"), true);
    }
}
