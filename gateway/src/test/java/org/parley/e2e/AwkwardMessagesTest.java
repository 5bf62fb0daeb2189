package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JOHN;
import static org.parley.e2e.ForumFixture.OUTSIDER;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestData;

/** Messages that break list managers: each gets a clear outcome, none is lost, none crashes a worker. */
class AwkwardMessagesTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @AfterEach
    void stop() {
        if (forum != null) {
            forum.close();
        }
    }

    /** File -> expected outcome prefix, and for distributed ones the subject a member sees. */
    private static final Map<String, String[]> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("subject-iso-8859-1-encoded-word.eml", new String[] {"accepted", "Stratégie régionale"});
        EXPECTED.put("subject-koi8-r-encoded-word.eml", new String[] {"accepted", "Стратегия развития"});
        EXPECTED.put("subject-gb2312-encoded-word.eml", new String[] {"accepted", "国家知识产权战略"});
        EXPECTED.put("subject-eucgb2312-cn-alias-encoded-word.eml", new String[] {"accepted", "国家知识产权战略"});
        EXPECTED.put("no-date-header.eml", new String[] {"accepted", "Sans date"});
        EXPECTED.put("subject-windows-1256-encoded-word.eml", new String[] {"accepted", "استراتيجية وطنية"});
        EXPECTED.put("header-8bit-utf8-unencoded.eml", new String[] {"accepted", "Coopération Sud-Sud"});
        EXPECTED.put("header-8bit-latin1-no-charset.eml", new String[] {"accepted", "Réunion à Genève"});
        EXPECTED.put("charset-label-wrong-utf8-says-latin1.eml", new String[] {"accepted", "wrong label"});
        EXPECTED.put("no-message-id.eml", new String[] {"accepted", "Sans identifiant"});
        EXPECTED.put("html-only.eml", new String[] {"accepted", "HTML seulement"});
        EXPECTED.put("nested-multipart-mixed-alternative-related.eml", new String[] {"accepted", "Imbriqué"});
        EXPECTED.put("broken-mime-no-closing-boundary.eml", new String[] {"accepted", "Sans fin"});
        EXPECTED.put("broken-mime-no-boundary-parameter.eml", new String[] {"accepted", "Pas de boundary"});
        EXPECTED.put("no-from-header.eml", new String[] {"held", null});
        EXPECTED.put("garbage-no-headers.eml", new String[] {"held", null});
    }

    @Test
    void everyAwkwardMessageGetsAClearOutcomeAndTheReadableOnesReachTheList() throws Exception {
        forum = ForumFixture.start(dir);
        Path folder = Path.of(getClass().getResource("/mail").toURI());
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList();
        }
        assertEquals(EXPECTED.keySet().stream().sorted().toList(), files, "every file has an expected outcome");
        Map<String, Long> arrivals = new LinkedHashMap<>();
        long id = 0;
        for (String file : files) {
            assertEquals(250, forum.send(CLAIRE, "strategies-fr@forum.test", Files.readAllBytes(folder.resolve(file))).code(),
                    file);
            arrivals.put(file, ++id);
        }
        forum.settle();
        List<String> seen = new ArrayList<>();
        for (MimeMessage m : forum.inbox(AMINATA)) {
            seen.add(m.getSubject());
            assertTrue(m.getSentDate() != null, m.getSubject() + " was delivered without a Date");
        }
        List<String> archived = forum.forum.store().read(tx -> tx.archive().threads("strategies-fr",
                Optional.empty(), 0, 100)).stream().map(t -> t.subject()).toList();
        for (var entry : EXPECTED.entrySet()) {
            String outcome = forum.forum.store().read(tx -> tx.arrivals().outcome(arrivals.get(entry.getKey()))).orElseThrow();
            assertTrue(outcome.startsWith("DONE " + entry.getValue()[0]), entry.getKey() + ": " + outcome);
            if (entry.getValue()[1] != null) {
                String subject = "[strategies-fr] " + entry.getValue()[1];
                assertTrue(seen.contains(subject), entry.getKey() + ": " + subject + " not in " + seen);
                assertTrue(archived.contains(entry.getValue()[1]), entry.getKey() + ": archived as " + archived);
            }
        }
        assertTrue(seen.stream().noneMatch(s -> s.contains("?") || s.contains("\uFFFD")), seen.toString());
    }

    @Test
    void aHugeAttachmentIsHeldOverTheListLimitAndRefusedOverTheHardLimit() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader
                .set("parley.moderation.max-post-bytes", "1000000")
                .set("parley.inbound.max-message-bytes", "2000000"));
        assertEquals(250, forum.send(CLAIRE, "strategies-fr@forum.test", withAttachment(1_200_000)).code());
        forum.awaitOne(ForumFixture.MODERATOR, "Held for moderation");
        assertEquals("too-big", forum.admin().held(Optional.empty()).get(0).reasons());
        assertEquals(552, forum.send(CLAIRE, "strategies-fr@forum.test", withAttachment(2_500_000)).code());
    }

    private static byte[] withAttachment(int size) {
        byte[] data = new byte[size * 3 / 4];
        new Random(1).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("From: claire@delegation-fr.test\r\nTo: strategies-fr@forum.test\r\nSubject: Annexe\r\n"
                + "Message-ID: <big" + size + "@client.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Base64.getMimeEncoder().encode(data));
        out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void everyRealMessageOfTheSharedCorpusIsStoredRoutedAndNeverDistributedFromANonMember() throws Exception {
        forum = ForumFixture.start(dir);
        List<Path> corpus = TestData.realMessages();
        for (Path file : corpus) {
            assertEquals(250, forum.send(OUTSIDER, "strategies-en@forum.test", Files.readAllBytes(file)).code(), file.toString());
        }
        forum.settle();
        int held = 0;
        int discarded = 0;
        for (long id = 1; id <= corpus.size(); id++) {
            long arrival = id;
            String outcome = forum.forum.store().read(tx -> tx.arrivals().outcome(arrival)).orElseThrow();
            assertFalse(outcome.startsWith("FAILED"), corpus.get((int) id - 1) + ": " + outcome);
            assertFalse(outcome.contains("accepted"), corpus.get((int) id - 1) + ": " + outcome);
            held += outcome.startsWith("DONE held") ? 1 : 0;
            discarded += outcome.startsWith("DONE discarded") ? 1 : 0;
        }
        assertEquals(corpus.size(), held + discarded);
        assertTrue(forum.inbox(JOHN).isEmpty(), "nothing from a non-member reached the list");
    }
}
