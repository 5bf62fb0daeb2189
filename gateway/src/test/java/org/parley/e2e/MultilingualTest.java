package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CHIEF;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.FR_MODERATOR;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.JOHN;
import static org.parley.e2e.ForumFixture.LAYLA;
import static org.parley.e2e.ForumFixture.MODERATOR;
import static org.parley.e2e.ForumFixture.OLGA;
import static org.parley.e2e.ForumFixture.PABLO;
import static org.parley.e2e.ForumFixture.PASSWORD;
import static org.parley.e2e.ForumFixture.text;
import static org.parley.e2e.ForumFixture.TRANSLATOR;
import static org.parley.e2e.ForumFixture.WEI;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.ArchivedMessage;
import org.parley.model.Role;
import org.parley.model.Version;
import org.parley.web.Passwords;

/**
 * The forum in six languages, end to end: commands in the language they are written in,
 * moderators per language, translations linked across the language lists, posts
 * approved for every language, and Arabic and Chinese through every step.
 */
class MultilingualTest {
    @TempDir
    Path dir;
    ForumFixture forum;
    WebClient web;

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.languages", "en,fr,es,ar,zh,ru")
                .set("parley.web.base-url", "http://localhost"));
        forum.admin().addMember(TRANSLATOR, "Teresa Traductora", "", "es", Role.TRANSLATOR, false, false);
        forum.admin().subscribe(TRANSLATOR, List.of("strategies-fr", "strategies-es"));
        web = new WebClient(forum.server.webPort());
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private void password(String member) {
        forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(member).orElseThrow().id(),
                Passwords.hash(PASSWORD)));
        forum.acceptProtocol(member);
    }

    /** A reply as Outlook writes it to a list copy, the command on top. */
    private static String replyTo(String from, MimeMessage copy, String to, String body) throws Exception {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + Replies.encode("RE: " + copy.getSubject())
                + "\r\nMessage-ID: <" + System.nanoTime() + ".reply@secretariat.test>\r\nIn-Reply-To: "
                + copy.getMessageID() + "\r\nReferences: " + copy.getMessageID()
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + body + "\r\n\r\n________________________________\r\nFrom: Jean Dupont\r\nSent: Tuesday\r\n\r\n"
                + "> Bonjour à tous,\r\n";
    }

    @Test
    void aFrenchPostApprovedWithApprouverGetsASpanishTranslationFromATranslatorLinkedBothWays() throws Exception {
        forum.post(JEAN, "strategies-fr", "Stratégie nationale", "Bonjour à tous,\r\nvoici notre plan.");
        MimeMessage notice = forum.awaitOne(MODERATOR, "Held for moderation");
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "Approuver"));
        forum.awaitOne(MODERATOR, "C'est fait");
        MimeMessage frenchCopy = forum.awaitOne(TRANSLATOR, "[strategies-fr] Stratégie nationale");

        forum.send(TRANSLATOR, ForumFixture.list("strategies-fr"), replyTo(TRANSLATOR, frenchCopy,
                ForumFixture.list("strategies-fr"), "traducir es\r\nAsunto: Estrategia nacional\r\n\r\n"
                        + "Hola a todos,\r\naquí está nuestro plan.\r\n\r\n-- \r\nTeresa"));

        MimeMessage spanish = forum.awaitOne(PABLO, "[strategies-es] Estrategia nacional");
        String original = frenchCopy.getMessageID();
        assertEquals(original, spanish.getHeader("X-Parley-Translation-Of")[0]);
        assertEquals("fr", spanish.getHeader("X-Parley-Original-Language")[0]);
        assertEquals("es", spanish.getHeader("Content-Language")[0]);
        assertEquals(JEAN, ((InternetAddress) spanish.getFrom()[0]).getAddress(), "the author's words");
        assertEquals(TRANSLATOR, ((InternetAddress) spanish.getSender()).getAddress(), "sent by the translator");
        String body = text(spanish);
        assertTrue(body.startsWith("Hola a todos,\r\naquí está nuestro plan.\r\n"), body);
        assertFalse(body.contains("Teresa"), "the translator's signature stays out");
        String hash = spanish.getHeader("Archived-At")[0].replaceAll(".*/messages/([^>]+)>", "$1");
        ArchivedMessage french = forum.forum.store().read(tx -> tx.archive().byMessageId("strategies-fr", original))
                .orElseThrow();
        assertTrue(body.contains("Traducción de un mensaje publicado primero en francés: http://localhost/lists/strategies-fr/messages/"
                + french.hash()), body);
        MimeMessage done = forum.awaitOne(TRANSLATOR, "Hecho");
        assertTrue(text(done).contains("traducido al español y enviado a strategies-es@forum.test"), text(done));

        // A reply in the French thread, translated too, joins the Spanish sister thread under the translation.
        forum.post(CLAIRE, "strategies-fr", "Re: Stratégie nationale", "Merci Jean.");
        MimeMessage claire = forum.awaitOne(TRANSLATOR, "Re: Stratégie nationale");
        forum.send(TRANSLATOR, ForumFixture.list("strategies-fr"), replyTo(TRANSLATOR, claire,
                ForumFixture.list("strategies-fr"), "translate es\r\n\r\nGracias, Jean."));
        MimeMessage second = forum.awaitOne(PABLO, "Re: Stratégie nationale");
        assertEquals(spanish.getMessageID(), second.getHeader("In-Reply-To")[0]);
        forum.settle();
        List<Version> versions = forum.forum.store().read(tx -> tx.versions().of(french.id()));
        assertEquals(List.of("strategies-es", "strategies-fr"), versions.stream().map(Version::list).toList());
        long spanishThread = versions.get(0).threadId();
        assertEquals(2, forum.forum.store().read(tx -> tx.archive().messagesOf(spanishThread)).size());
        assertEquals(Map.of("strategies-es", spanishThread),
                forum.forum.store().read(tx -> tx.versions().sisterThreads(french.threadId())));

        // The archive shows "also in" on each version, and the sister thread, in the reader's language.
        password(MODERATOR);
        web.login(MODERATOR, PASSWORD);
        HttpResponse<String> page = web.get("/lists/strategies-fr/messages/" + french.hash());
        assertTrue(page.body().contains("Also in: <a class=\"version\" hreflang=\"es\" lang=\"es\" href=\"/lists/strategies-es/messages/"
                + hash + "\">Español</a>"), page.body());
        HttpResponse<String> thread = web.get("/lists/strategies-fr/threads/" + french.threadId());
        assertTrue(thread.body().contains("href=\"/lists/strategies-es/threads/" + spanishThread + "\">Español</a>"),
                thread.body());
        HttpResponse<String> back = web.get("/lists/strategies-es/messages/" + hash);
        assertTrue(back.body().contains("href=\"/lists/strategies-fr/messages/" + french.hash() + "\">Français</a>"));
    }

    @Test
    void refusedTranslationsSayWhyInTheLanguageOfTheCommand() throws Exception {
        forum.post(CLAIRE, "strategies-fr", "Plan", "Voici le plan.");
        MimeMessage copy = forum.awaitOne(TRANSLATOR, "[strategies-fr] Plan");
        forum.send(TRANSLATOR, ForumFixture.list("strategies-fr"), replyTo(TRANSLATOR, copy,
                ForumFixture.list("strategies-fr"), "translate klingon\r\n\r\nQapla'"));
        MimeMessage refused = forum.awaitOne(TRANSLATOR, "Nothing was changed");
        assertTrue(text(refused).contains("possible: en, es"), text(refused));
        forum.send(TRANSLATOR, ForumFixture.list("strategies-fr"), replyTo(TRANSLATOR, copy,
                ForumFixture.list("strategies-fr"), "traduire anglais\r\n\r\nHere is the plan."));
        forum.awaitOne(JOHN, "[strategies-en] Plan");
        forum.send(TRANSLATOR, ForumFixture.list("strategies-fr"), replyTo(TRANSLATOR, copy,
                ForumFixture.list("strategies-fr"), "traduire en\r\n\r\nHere is the plan again."));
        MimeMessage twice = forum.awaitOne(TRANSLATOR, "Rien n'a été changé");
        assertTrue(text(twice).contains("déjà une version dans cette langue"), text(twice));
        // A delegate who writes "translate" is just posting: held like any of their posts.
        forum.send(PABLO, ForumFixture.list("strategies-fr"), replyTo(PABLO, copy, ForumFixture.list("strategies-fr"),
                "translate es\r\n\r\nMi traducción."));
        forum.awaitOne(MODERATOR, "Held for moderation: RE:");
        forum.settle();
        assertEquals(1, forum.inbox(JOHN).size(), "one English version only");
    }

    @Test
    void aModeratorTranslatesByReplyingToTheNoticeAndApprovesAnAnnouncementForAllLanguages() throws Exception {
        forum.post(JEAN, "strategies-fr", "Réunion", "La réunion aura lieu mardi.");
        MimeMessage notice = forum.awaitOne(MODERATOR, "Held for moderation: Réunion");
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice,
                "translate en\r\nSubject: Meeting\r\n\r\nThe meeting is on Tuesday."));
        MimeMessage early = forum.awaitOne(MODERATOR, "Nothing was changed: Réunion");
        assertTrue(text(early).contains("approve it first"), text(early));
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "approve"));
        forum.awaitOne(AMINATA, "Réunion");
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice,
                "translate en\r\nSubject: Meeting\r\n\r\nThe meeting is on Tuesday."));
        MimeMessage english = forum.awaitOne(JOHN, "[strategies-en] Meeting");
        assertTrue(text(english).startsWith("The meeting is on Tuesday."), text(english));

        forum.post(AMINATA, "strategies-fr", "Annonce", "Le forum ouvre ses portes.");
        MimeMessage second = forum.awaitOne(MODERATOR, "Held for moderation: Annonce");
        forum.send(MODERATOR, Replies.replyAddress(second), Replies.outlook(MODERATOR, second, "Approuver tout"));
        forum.awaitOne(JEAN, "[strategies-fr] Annonce");
        forum.awaitOne(PABLO, "[strategies-es] Annonce");
        forum.awaitOne(JOHN, "[strategies-en] Annonce");
        MimeMessage done = forum.awaitOne(MODERATOR, "C'est fait : approuvé et envoyé à toutes les listes");
        assertTrue(text(done).contains("toutes les listes linguistiques du salon"), text(done));
        forum.settle();
        ArchivedMessage announcement = forum.forum.store().read(tx -> tx.archive().threads("strategies-fr",
                Optional.empty(), 0, 10).stream().filter(t -> t.subject().equals("Annonce")).findFirst()
                .flatMap(t -> tx.archive().messagesOf(t.id()).stream().findFirst())).orElseThrow();
        assertEquals(List.of("strategies-en", "strategies-es", "strategies-fr"),
                forum.forum.store().read(tx -> tx.versions().of(announcement.id())).stream().map(Version::list).toList());
        assertEquals("applied: all languages", forum.forum.store().read(tx -> tx.audit().recent(0, 1)).get(0).outcome());
    }

    @Test
    void moderatorsDecideForTheirLanguagesAndChiefModeratorsHearOfPostsThatWaitTooLong() throws Exception {
        forum.admin().addMember(FR_MODERATOR, "Marc Modérateur", "", "fr", Role.MODERATOR, false, false);
        forum.forum.store().run(tx -> tx.members().update(tx.members().find(FR_MODERATOR).orElseThrow().id(),
                Optional.empty(), Optional.of(Set.of("fr")), Optional.empty(), Optional.empty()));
        forum.admin().addMember(CHIEF, "Chloé Chief", "", "fr", Role.CHIEF_MODERATOR, false, false);

        forum.post(PABLO, "strategies-es", "Estrategia", "Nuestro plan.");
        MimeMessage notice = forum.awaitOne(MODERATOR, "Held for moderation: Estrategia");
        forum.awaitOne(CHIEF, "Estrategia");
        forum.settle();
        assertTrue(forum.inbox(FR_MODERATOR).isEmpty(), "a French moderator hears nothing of the Spanish list");
        forum.send(FR_MODERATOR, Replies.replyAddress(notice), Replies.outlook(FR_MODERATOR, notice, "approuver"));
        MimeMessage refused = forum.awaitOne(FR_MODERATOR, "Rien n'a été changé");
        assertTrue(text(refused).contains("vous n'êtes pas modérateur de cette liste"), text(refused));

        forum.post(JEAN, "strategies-fr", "Attente", "Un message qui attend.");
        forum.awaitOne(FR_MODERATOR, "En attente de modération : Attente");
        forum.settle();
        assertEquals(0, forum.forum.chores(), "nothing waited long enough");
        forum.clock.advance(Duration.ofHours(25));
        forum.forum.chores(); // the chores worker may run too: either way, once each
        forum.forum.chores();
        forum.forum.wakeUps().outbox();
        MimeMessage escalated = forum.awaitOne(CHIEF, "En attente depuis plus de 24 heures : Attente");
        forum.awaitOne(CHIEF, "En attente depuis plus de 24 heures : Estrategia");
        forum.settle();
        assertEquals(2, forum.inbox(CHIEF).stream().filter(m -> {
            try {
                return m.getSubject().contains("En attente depuis plus de");
            } catch (MessagingException e) {
                return false;
            }
        }).count(), "once each");
        forum.send(CHIEF, Replies.replyAddress(escalated), Replies.outlook(CHIEF, escalated, "approuver"));
        forum.awaitOne(AMINATA, "[strategies-fr] Attente");
    }

    @Test
    void arabicAndChineseRoundTripThroughModerationDistributionAndTheArchive() throws Exception {
        forum.admin().createRoom("cooperation", "Coopération Sud-Sud", List.of("ar", "zh", "ru"));
        forum.admin().addMember(LAYLA, "ليلى حسن", "EG", "ar", Role.DELEGATE, false, false);
        forum.admin().addMember(WEI, "王伟", "CN", "zh", Role.DELEGATE, false, false);
        forum.admin().addMember(OLGA, "Ольга Иванова", "RU", "ru", Role.DELEGATE, false, false);
        forum.admin().subscribe(LAYLA, List.of("cooperation-ar"));
        forum.admin().subscribe(WEI, List.of("cooperation-zh"));
        forum.admin().subscribe(OLGA, List.of("cooperation-ru"));

        String arabicSubject = "الاستراتيجيات الوطنية للملكية الفكرية";
        String arabicBody = "السلام عليكم،\r\nنعرض عليكم تجربتنا في التعاون بين بلدان الجنوب.";
        forum.send(LAYLA, ForumFixture.list("cooperation-ar"), "From: =?UTF-8?B?"
                + Base64.getEncoder().encodeToString("ليلى حسن".getBytes(StandardCharsets.UTF_8)) + "?= <" + LAYLA + ">\r\n"
                + "To: cooperation-ar@forum.test\r\nSubject: " + MimeUtility.encodeText(arabicSubject, "UTF-8", "B")
                + "\r\nMessage-ID: <ar1@delegation-eg.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=windows-1256\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(arabicBody.getBytes(Charset.forName("windows-1256"))) + "\r\n");
        MimeMessage held = forum.awaitOne(MODERATOR, "Held for moderation: " + arabicSubject);
        MimeMessage ack = forum.awaitOne(LAYLA, arabicSubject);
        assertTrue(text(ack).contains("يقرأ أحد المشرفين"), "acknowledged in Arabic: " + text(ack));
        forum.send(MODERATOR, Replies.replyAddress(held), Replies.outlook(MODERATOR, held, "موافقة"));
        MimeMessage arabic = forum.awaitOne(LAYLA, "[cooperation-ar] " + arabicSubject);
        assertTrue(text(arabic).startsWith(arabicBody), text(arabic));
        assertTrue(text(arabic).contains("الأرشيف"), "Arabic footer");
        forum.awaitOne(MODERATOR, "تم: تمت الموافقة");

        String chineseSubject = "国家知识产权战略";
        String chineseBody = "各位好：\r\n我们愿意分享南南合作的经验。";
        forum.send(WEI, ForumFixture.list("cooperation-zh"), "From: " + MimeUtility.encodeText("王伟", "GB2312", "B")
                + " <" + WEI + ">\r\nTo: cooperation-zh@forum.test\r\nSubject: "
                + MimeUtility.encodeText(chineseSubject, "GB2312", "B") + "\r\nMessage-ID: <zh1@delegation-cn.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(chineseBody.getBytes(Charset.forName("GB2312"))) + "\r\n");
        MimeMessage heldZh = forum.awaitOne(MODERATOR, "Held for moderation: " + chineseSubject);
        forum.send(MODERATOR, Replies.replyAddress(heldZh), Replies.outlook(MODERATOR, heldZh, "批准"));
        MimeMessage chinese = forum.awaitOne(WEI, "[cooperation-zh] " + chineseSubject);
        assertTrue(text(chinese).startsWith(chineseBody), text(chinese));
        assertEquals("王伟", ((InternetAddress) chinese.getFrom()[0]).getPersonal());

        // A Russian post with no charset label at all, in KOI8-R as an old client sends it.
        String russian = "Добрый день, коллеги! Делимся опытом.";
        byte[] koi8 = ("From: " + OLGA + "\r\nTo: cooperation-ru@forum.test\r\nSubject: =?KOI8-R?B?"
                + Base64.getEncoder().encodeToString("Опыт".getBytes(Charset.forName("KOI8-R")))
                + "?=\r\nMessage-ID: <ru1@delegation-ru.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = (russian + "\r\n").getBytes(Charset.forName("KOI8-R"));
        byte[] raw = new byte[koi8.length + body.length];
        System.arraycopy(koi8, 0, raw, 0, koi8.length);
        System.arraycopy(body, 0, raw, koi8.length, body.length);
        forum.send(OLGA, ForumFixture.list("cooperation-ru"), raw);
        MimeMessage heldRu = forum.awaitOne(MODERATOR, "Held for moderation: Опыт");
        forum.send(MODERATOR, Replies.replyAddress(heldRu), Replies.outlook(MODERATOR, heldRu, "одобрить"));
        MimeMessage ru = forum.awaitOne(OLGA, "[cooperation-ru] Опыт");
        assertTrue(text(ru).startsWith(russian), text(ru));

        password(LAYLA);
        web.login(LAYLA, PASSWORD);
        ArchivedMessage archived = forum.forum.store().read(tx -> tx.archive().byMessageId("cooperation-ar",
                "<ar1@delegation-eg.test>")).orElseThrow();
        assertEquals(arabicSubject, archived.subject());
        assertEquals("ليلى حسن", archived.senderName());
        HttpResponse<String> page = web.get("/lists/cooperation-ar/messages/" + archived.hash());
        assertTrue(page.body().contains("<html lang=\"ar\" dir=\"rtl\">"), "right to left");
        assertTrue(page.body().contains("نعرض عليكم تجربتنا في التعاون بين بلدان الجنوب."), page.body());
        assertTrue(page.body().contains("<title>" + arabicSubject), "subject in the title");
        assertTrue(forum.forum.store().read(tx -> tx.archive().byMessageId("cooperation-zh", "<zh1@delegation-cn.test>"))
                .orElseThrow().subject().equals(chineseSubject));
        assertTrue(forum.forum.store().read(tx -> tx.archive().bodyText(tx.archive().byMessageId("cooperation-ru",
                "<ru1@delegation-ru.test>").orElseThrow().id())).orElseThrow().startsWith(russian));
    }

    @Test
    void requestsAreAnsweredInTheLanguageTheyAreWrittenIn() throws Exception {
        for (String[] c : new String[][]{{"помощь", "Справка"}, {"مساعدة", "مساعدة"}, {"帮助", "帮助"}}) {
            forum.send(JEAN, "strategies-fr-request@forum.test", ForumFixture.message(JEAN,
                    "strategies-fr-request@forum.test", c[0], "<" + System.nanoTime() + "@client.test>", ""));
            forum.awaitOne(JEAN, c[1]);
        }
    }

    @Test
    void aTranslatorPostsATranslationOnTheWeb() throws Exception {
        forum.post(CLAIRE, "strategies-fr", "Bilan", "Le bilan est positif.");
        forum.awaitOne(TRANSLATOR, "[strategies-fr] Bilan");
        forum.settle();
        ArchivedMessage french = forum.forum.store().read(tx -> tx.archive().threads("strategies-fr", Optional.empty(),
                0, 1).stream().findFirst().flatMap(t -> tx.archive().messagesOf(t.id()).stream().findFirst())).orElseThrow();
        password(TRANSLATOR);
        web.login(TRANSLATOR, PASSWORD);
        HttpResponse<String> page = web.get("/lists/strategies-fr/messages/" + french.hash());
        assertTrue(page.body().contains("id=\"translate\""), "translators see the form");
        assertTrue(page.body().contains("<option value=\"es\">Español</option>"), page.body());
        HttpResponse<String> sent = web.post("/lists/strategies-fr/messages/" + french.hash() + "/translate",
                Map.of("language", "es", "subject", "Balance", "text", "El balance es positivo."));
        assertEquals(302, sent.statusCode(), sent.body());
        assertTrue(sent.headers().firstValue("Location").orElse("").startsWith("/lists/strategies-es/messages/"));
        MimeMessage spanish = forum.awaitOne(PABLO, "[strategies-es] Balance");
        assertTrue(text(spanish).startsWith("El balance es positivo."), text(spanish));

        password(AMINATA);
        WebClient delegate = new WebClient(forum.server.webPort());
        delegate.login(AMINATA, PASSWORD);
        assertFalse(delegate.get("/lists/strategies-fr/messages/" + french.hash()).body().contains("id=\"translate\""));
        assertEquals(404, delegate.post("/lists/strategies-fr/messages/" + french.hash() + "/translate",
                Map.of("language", "en", "text", "x")).statusCode());
    }

    @Test
    void onTheWebAModeratorSeesTheirLanguagesOnlyAndApprovesForAllLanguages() throws Exception {
        forum.admin().addMember(FR_MODERATOR, "Marc Modérateur", "", "fr", Role.MODERATOR, false,
                Set.of("fr"), false);
        forum.post(PABLO, "strategies-es", "Anuncio", "El foro abre sus puertas.");
        forum.awaitOne(MODERATOR, "Held for moderation: Anuncio");
        long held = forum.admin().held(Optional.empty()).get(0).id();
        password(FR_MODERATOR);
        WebClient marc = new WebClient(forum.server.webPort());
        marc.login(FR_MODERATOR, PASSWORD);
        assertFalse(marc.get("/moderation").body().contains("Anuncio"), "not his language");
        assertEquals(404, marc.post("/moderation/" + held, Map.of("action", "approve")).statusCode());

        password(MODERATOR);
        web.login(MODERATOR, PASSWORD);
        assertTrue(web.get("/moderation").body().contains("value=\"approve-all\""));
        HttpResponse<String> done = web.post("/moderation/" + held, Map.of("action", "approve-all"));
        assertEquals(302, done.statusCode());
        assertTrue(URLDecoder.decode(done.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8)
                .contains("every language list of the room"));
        forum.awaitOne(PABLO, "[strategies-es] Anuncio");
        forum.awaitOne(JOHN, "[strategies-en] Anuncio");
        forum.awaitOne(AMINATA, "[strategies-fr] Anuncio");
    }

    @Test
    void anApprovalForAllLanguagesThatDeadlocksWithAnotherTransactionIsTriedAgainNotAnError() throws Exception {
        var settings = forum.forum.settings();
        assumeTrue(settings.dbUrl().startsWith("jdbc:postgresql:"), "a post's list row is locked on PostgreSQL");
        forum.post(PABLO, "strategies-es", "Anuncio", "El foro abre sus puertas.");
        forum.awaitOne(MODERATOR, "Held for moderation: Anuncio");
        long held = forum.admin().held(Optional.empty()).get(0).id();
        password(MODERATOR);
        web.login(MODERATOR, PASSWORD);
        CountDownLatch englishHeld = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection watch = DriverManager.getConnection(settings.dbUrl(), settings.dbUser(),
                settings.dbPassword())) {
            // Another transaction (a routing group, say) takes the English list, then the Spanish
            // one once the approval, which took Spanish first, waits for English: a deadlock,
            // which PostgreSQL ends by failing the approval's transaction.
            Future<?> rival = other.submit(() -> forum.forum.store().write(tx -> {
                tx.archive().holdList("strategies-en");
                englishHeld.countDown();
                awaitALockWait(watch);
                tx.archive().holdList("strategies-es");
                return null;
            }));
            assertTrue(englishHeld.await(10, TimeUnit.SECONDS));
            HttpResponse<String> done = web.post("/moderation/" + held, Map.of("action", "approve-all"));
            assertEquals(302, done.statusCode(), done.body());
            rival.get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        forum.awaitOne(JOHN, "[strategies-en] Anuncio");
        forum.awaitOne(AMINATA, "[strategies-fr] Anuncio");
        assertEquals("applied: all languages",
                forum.forum.store().read(tx -> tx.audit().recent(0, 1)).get(0).outcome());
    }

    /** Returns once a session of this database waits for a lock. */
    private static void awaitALockWait(Connection watch) {
        try (var waiting = watch.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            for (int i = 0; i < 200; i++) {
                try (ResultSet r = waiting.executeQuery()) {
                    if (r.next() && r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the approval never waited for the English list");
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
