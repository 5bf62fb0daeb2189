package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.JOHN;
import static org.parley.e2e.ForumFixture.LAYLA;
import static org.parley.e2e.ForumFixture.MODERATOR;
import static org.parley.e2e.ForumFixture.OLGA;
import static org.parley.e2e.ForumFixture.OUTSIDER;
import static org.parley.e2e.ForumFixture.PABLO;
import static org.parley.e2e.ForumFixture.PASSWORD;
import static org.parley.e2e.ForumFixture.text;
import static org.parley.e2e.ForumFixture.WEI;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.ArchivedMessage;
import org.parley.model.Delivery;
import org.parley.model.Discussion;
import org.parley.model.Invitation;
import org.parley.model.Member;
import org.parley.model.Role;
import org.parley.web.Passwords;

/**
 * How the forum is peopled and animated: members imported from a file, subscription
 * commands by mail, the weekly discussion on its dates, topic proposals, and guests
 * invited to one discussion and kept inside it.
 */
class ForumLifeTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.languages", "en,fr,es,ar,zh,ru")
                .set("parley.web.base-url", "http://localhost"));
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private ForumFixture.Run parley(String stdin, String... args) {
        return forum.parley(stdin, args);
    }

    private void request(String from, String list, String subject, String body) throws Exception {
        forum.send(from, list + "-request@forum.test", ForumFixture.message(from, list + "-request@forum.test", subject,
                "<" + System.nanoTime() + "@client.test>", body));
    }

    private Member member(String email) {
        return forum.forum.store().read(tx -> tx.members().find(email)).orElseThrow();
    }

    @Test
    void aCsvImportAddsAndUpdatesGoodRowsAndSaysWhyForEachBadOne() throws Exception {
        String csv = "\ufeffemail,name,delegation,language,role,rooms\r\n"
                + "olga@delegation-ru.test,Ольга Иванова,RU,ru,delegate,strategies\r\n"
                + "wei@delegation-cn.test,王伟,cn,zh,,strategies\r\n"
                + "not-an-address,X,FR,fr,,strategies\r\n"
                + "layla@delegation-eg.test,Layla Hassan,EG,ar,king,strategies\r\n"
                + "jean@delegation-fr.test,Jean Dupont,FR,fr,delegate,strategies;training\r\n"
                + "someone@elsewhere.test,Someone,XX,en,,strategies\r\n"
                + "\"pablo@delegation-es.test\",\"Ruiz, Pablo\",ES,es,delegate,strategies\r\n";
        ForumFixture.Run dry = parley(csv, "member", "import", "-", "--dry-run");
        assertEquals(65, dry.code(), dry.toString());
        assertTrue(dry.out().contains("line 2: would be added olga@delegation-ru.test (delegate, ru, strategies-en)"),
                dry.out());
        assertTrue(dry.out().contains("dry run: would add 2, update 1, unchanged 0, bad rows 4"), dry.out());
        assertTrue(forum.forum.store().read(tx -> tx.members().find(OLGA)).isEmpty(), "a dry run changes nothing");

        ForumFixture.Run run = parley(csv, "member", "import", "-");
        assertEquals(65, run.code(), "bad rows make the exit code say so");
        assertTrue(run.out().contains("line 4: 'not-an-address' is not an email address (row skipped)"), run.out());
        assertTrue(run.out().contains("line 5: unknown role 'king'"), run.out());
        assertTrue(run.out().contains("line 6: no room or list 'training' (row skipped)"), run.out());
        assertTrue(run.out().contains("line 7: delegation 'XX' is not an ISO 3166 country code"), run.out());
        assertTrue(run.out().contains("line 8: updated pablo@delegation-es.test (name)"), run.out());
        assertTrue(run.out().contains("added 2, updated 1, unchanged 0, bad rows 4"), run.out());
        assertEquals("Ruiz, Pablo", member(PABLO).name());
        assertEquals("CN", member(WEI).delegation());
        assertEquals(Optional.of(Delivery.EACH), forum.forum.store().read(tx ->
                tx.members().subscription(member(OLGA).id(), "strategies-en")).map(s -> s.delivery()));

        MimeMessage welcome = forum.awaitOne(OLGA, "Добро пожаловать");
        assertTrue(text(welcome).contains("/password/set/"), text(welcome));
        assertTrue(text(welcome).contains("Протокол форума"), "the welcome carries the protocol in Russian");
        assertTrue(text(welcome).contains("Пишите на форум по этим адресам"), text(welcome));
        assertTrue(text(welcome).contains("strategies-en@forum.test"), "the welcome names the list to write to");
        assertTrue(text(forum.awaitOne(WEI, "欢迎")).contains("论坛规约"));
        assertEquals(0, parley(csv.lines().limit(3).reduce("", (a, b) -> a + b + "\n"), "member", "import", "-").code(),
                "a second run finds nothing to do");
    }

    @Test
    void aDiscussionScheduledAheadOpensOnTimeAfterARestartInThreeLanguagesAndCloses() throws Exception {
        ForumFixture.Run open = parley("", "discussion", "open", "strategies", "--title", "en=Green patents", "--title",
                "fr=Brevets verts", "--title", "es=Patentes verdes", "--text", "en=What works?", "--text",
                "fr=Qu'est-ce qui marche ?", "--text", "es=¿Qué funciona?", "--start", "2026-11-24T12:00:00Z");
        assertEquals(0, open.code(), open.toString());
        assertTrue(open.out().startsWith("discussion 1 scheduled: 2026-11-24T12:00:00Z to 2026-12-01T12:00:00Z"),
                open.out());
        assertEquals(0, forum.forum.chores(), "not yet");

        forum.stopForum();
        forum.clock.advance(Duration.ofHours(3).plusMinutes(1));
        forum.startForum();
        forum.forum.chores(); // the chores worker may have opened it already: either way, once
        forum.forum.wakeUps().outbox();
        MimeMessage english = forum.awaitOne(JOHN, "[strategies-en] Green patents");
        assertTrue(text(english).startsWith("What works?"), text(english));
        MimeMessage french = forum.awaitOne(AMINATA, "[strategies-fr] Brevets verts");
        forum.awaitOne(PABLO, "[strategies-es] Patentes verdes");
        assertEquals("<discussion.1.en@forum.test>", french.getHeader("X-Parley-Translation-Of")[0]);
        assertTrue(parley("", "discussion", "list").out().contains("1\tstrategies\topen\t"));

        // Inside the discussion, members post as always.
        forum.send(CLAIRE, ForumFixture.list("strategies-fr"), reply(CLAIRE, "strategies-fr", french, "Les aides fiscales."));
        forum.awaitOne(JEAN, "Re: Brevets verts");

        forum.clock.advance(Duration.ofDays(7));
        forum.forum.chores();
        assertTrue(parley("", "discussion", "list", "strategies").out().contains("1\tstrategies\tclosed\t"));
        forum.send(CLAIRE, ForumFixture.list("strategies-fr"), reply(CLAIRE, "strategies-fr", french, "Trop tard ?"));
        MimeMessage held = forum.awaitOne(MODERATOR, "Held for moderation: Re: Brevets verts");
        assertTrue(text(held).contains("the discussion this message answers is closed"), text(held));
        assertEquals(65, parley("", "discussion", "close", "1").code(), "closed already");

        password(JEAN);
        WebClient web = new WebClient(forum.server.webPort());
        web.login(JEAN, PASSWORD);
        long thread = forum.forum.store().read(tx -> tx.archive().byMessageId("strategies-fr",
                "<discussion.1.fr@forum.test>")).orElseThrow().threadId();
        assertTrue(web.get("/lists/strategies-fr/threads/" + thread).body().contains("id=\"closed\""));
        assertTrue(web.get("/lists/strategies-fr").body().contains("class=\"discussion closed\""));
    }

    private static String reply(String from, String list, MimeMessage to, String body) throws Exception {
        return "From: " + from + "\r\nTo: " + list + "@forum.test\r\nSubject: " + Replies.encode("Re: "
                + to.getSubject().replaceFirst("^\\[[^]]+] ", "")) + "\r\nMessage-ID: <" + System.nanoTime()
                + "@client.test>\r\nIn-Reply-To: " + to.getMessageID() + "\r\nReferences: " + to.getMessageID()
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    }

    private void password(String member) {
        forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(member).orElseThrow().id(),
                Passwords.hash(PASSWORD)));
    }

    @Test
    void aTopicProposedByMailIsAcceptedByReplyAndBecomesADiscussion() throws Exception {
        request(JEAN, "strategies-fr", "proposer : Les brevets verts", "Parlons des incitations fiscales.");
        MimeMessage notice = forum.awaitOne(MODERATOR, "Request 1: a topic for a discussion");
        assertTrue(text(notice).contains("Les brevets verts"), text(notice));
        forum.awaitOne(JEAN, "Votre demande : un sujet de discussion");
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "approve"));
        MimeMessage accepted = forum.awaitOne(JEAN, "Acceptée");
        assertTrue(text(accepted).contains("(#1)"), text(accepted));
        forum.awaitOne(MODERATOR, "Done: accepted");
        Discussion d = forum.admin().discussions(Optional.of("strategies")).get(0);
        assertEquals("Les brevets verts", d.texts().get("fr").title());
        assertEquals(Discussion.State.OPEN, d.state(), "nothing was scheduled, so it opens at once");
        forum.awaitOne(AMINATA, "[strategies-fr] Les brevets verts");

        request(JEAN, "strategies-fr", "proposer : Hors sujet", "");
        MimeMessage second = forum.awaitOne(MODERATOR, "Request 2");
        forum.send(MODERATOR, Replies.replyAddress(second), Replies.outlook(MODERATOR, second, "reject: off topic"));
        MimeMessage declined = forum.awaitOne(JEAN, "Refusée");
        assertTrue(text(declined).contains("Motif : off topic"), text(declined));
        forum.send(MODERATOR, Replies.replyAddress(second), Replies.outlook(MODERATOR, second, "approve"));
        forum.awaitOne(MODERATOR, "Nothing was changed");
        assertEquals(1, forum.admin().discussions(Optional.empty()).size());
    }

    @Test
    void aGuestInvitedToOneDiscussionPostsAndReadsOnlyThereUntilItCloses() throws Exception {
        long id = forum.admin().openDiscussion("strategies", Map.of("fr", new Discussion.Text("Brevets verts",
                "Ouvert.")), forum.forum.clock().instant(), Optional.empty(), "test");
        MimeMessage opening = forum.awaitOne(AMINATA, "[strategies-fr] Brevets verts");
        request(JEAN, "strategies-fr", "inviter", "Nom : Marie Expert\nCourriel : someone@elsewhere.test\n"
                + "Organisation : Institut des brevets\nMotif : elle a conduit l'étude de 2025.");
        MimeMessage notice = forum.awaitOne(MODERATOR, "a guest for a discussion");
        assertTrue(text(notice).contains("Marie Expert <someone@elsewhere.test>, Institut des brevets"), text(notice));
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "approve"));
        forum.awaitOne(JEAN, "Acceptée");
        MimeMessage welcome = forum.awaitOne(OUTSIDER, "Votre invitation");
        assertTrue(text(welcome).contains("Votre accès prend fin à la clôture de la discussion"), text(welcome));
        Member guest = member(OUTSIDER);
        assertEquals(Role.GUEST, guest.role());
        assertEquals("Institut des brevets", guest.delegation());
        assertEquals(Invitation.State.ACTIVE, forum.forum.store().read(tx -> tx.discussions().invitationOf(guest.id()))
                .orElseThrow().state());

        // The guest receives the discussion's posts and nothing else.
        forum.send(CLAIRE, ForumFixture.list("strategies-fr"), reply(CLAIRE, "strategies-fr", opening, "Dans le fil."));
        forum.post(CLAIRE, "strategies-fr", "Autre sujet", "Hors du fil.");
        forum.awaitOne(OUTSIDER, "Re: Brevets verts");
        forum.awaitOne(AMINATA, "Autre sujet");
        forum.settle();
        assertTrue(forum.inbox(OUTSIDER).stream().noneMatch(m -> ForumFixture.subject(m).contains("Autre sujet")));

        // Posts inside are held, then distributed; outside they are refused politely.
        forum.send(OUTSIDER, ForumFixture.list("strategies-fr"), reply(OUTSIDER, "strategies-fr", opening, "Notre étude."));
        MimeMessage held = forum.awaitOne(MODERATOR, "Held for moderation: Re: Brevets verts");
        assertTrue(text(held).contains("every post from a guest is moderated"), text(held));
        forum.send(MODERATOR, Replies.replyAddress(held), Replies.outlook(MODERATOR, held, "approve"));
        forum.awaitOne(JEAN, "Re: Brevets verts");
        forum.post(OUTSIDER, "strategies-fr", "Une idée", "Hors de la discussion.");
        MimeMessage outside = forum.awaitOne(OUTSIDER, "n'a pas été accepté");
        assertTrue(text(outside).contains("vous ne pouvez écrire que dans les fils de la discussion"), text(outside));

        // On the web, the discussion's threads only.
        Matcher link = Pattern.compile("http://localhost(/password/set/[A-Za-z0-9_-]+)").matcher(text(welcome));
        assertTrue(link.find());
        WebClient web = new WebClient(forum.server.webPort());
        String secret = "a long guest password";
        assertEquals(302, web.post(link.group(1), Map.of("password", secret, "repeat", secret)).statusCode());
        assertEquals(302, web.login(OUTSIDER, secret).statusCode());
        assertTrue(web.get("/").headers().firstValue("Location").orElse("").startsWith("/protocol"), "the protocol first");
        web.post("/protocol", Map.of("next", "/"));
        String openingId = opening.getMessageID();
        ArchivedMessage openingFr = forum.forum.store().read(tx -> tx.archive().byMessageId("strategies-fr",
                openingId)).orElseThrow();
        HttpResponse<String> home = web.get("/");
        assertTrue(home.body().contains("/threads/" + openingFr.threadId()), home.body());
        assertEquals(200, web.get("/lists/strategies-fr/threads/" + openingFr.threadId()).statusCode());
        assertEquals(404, web.get("/lists/strategies-fr").statusCode());
        long other = forum.forum.store().read(tx -> tx.archive().threads("strategies-fr", Optional.empty(), 0, 10))
                .stream().filter(t -> t.subject().equals("Autre sujet")).findFirst().orElseThrow().id();
        assertEquals(404, web.get("/lists/strategies-fr/threads/" + other).statusCode());
        ArchivedMessage otherMessage = forum.forum.store().read(tx -> tx.archive().messagesOf(other)).get(0);
        assertEquals(404, web.get("/lists/strategies-fr/messages/" + otherMessage.hash()).statusCode());
        assertEquals(404, web.get("/lists/strategies-en").statusCode());
        assertEquals(404, web.get("/moderation").statusCode());

        // When the discussion closes, the guest's access ends.
        assertEquals(0, parley("", "discussion", "close", String.valueOf(id)).code());
        forum.post(OUTSIDER, "strategies-fr", "Re: Brevets verts", "Encore un mot.");
        MimeMessage ended = forum.awaitOne(OUTSIDER, "n'a pas été accepté : Re: Brevets verts");
        assertTrue(text(ended).contains("votre accès d'invité a pris fin"), text(ended));
        assertTrue(web.get("/").headers().firstValue("Location").orElse("").startsWith("/login"));
        assertEquals(403, new WebClient(forum.server.webPort()).login(OUTSIDER, secret).statusCode());
    }

    @Test
    void aModeratorRevokesAGuestBeforeTheDiscussionCloses() throws Exception {
        forum.admin().openDiscussion("strategies", Map.of("en", new Discussion.Text("Budgets", "Open.")),
                forum.forum.clock().instant(), Optional.empty(), "test");
        request(JOHN, "strategies-en", "invite", "Name: Sam Guest\nEmail: layla@delegation-eg.test\nOrganization: WHO");
        MimeMessage notice = forum.awaitOne(MODERATOR, "a guest for a discussion");
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "approve"));
        forum.awaitOne(JOHN, "Accepted");
        assertEquals(0, parley("", "discussion", "revoke", LAYLA).code());
        assertEquals(65, parley("", "discussion", "revoke", LAYLA).code(), "nothing left to revoke");
        forum.post(LAYLA, "strategies-en", "Re: Budgets", "Hello");
        forum.awaitOne(LAYLA, "Your message was not accepted");
    }

    @Test
    void subscriptionCommandsByMailInTheirLanguagesAndALeaveOnlyTheSubscriberConfirms() throws Exception {
        // A member joins another list at once; a stranger's join goes to the moderators.
        request(JOHN, "strategies-fr", "join", "");
        assertTrue(text(forum.awaitOne(JOHN, "Your request")).contains("You are now on strategies-fr@forum.test"));
        request(OLGA, "strategies-es", "подписаться", "");
        MimeMessage join = forum.awaitOne(MODERATOR, "joining the list");
        forum.awaitOne(OLGA, "Ваш запрос");
        assertTrue(forum.forum.store().read(tx -> tx.members().find(OLGA)).isEmpty(), "never straight in");
        forum.send(MODERATOR, Replies.replyAddress(join), Replies.outlook(MODERATOR, join, "approve"));
        forum.awaitOne(OLGA, "Принято");
        assertTrue(forum.forum.store().read(tx -> tx.members().subscription(member(OLGA).id(), "strategies-es"))
                .isPresent());

        // Leave: the confirmation goes to the subscriber; a forged confirmation changes nothing.
        request(AMINATA, "strategies-fr", "Quitter", "");
        MimeMessage confirm = forum.awaitOne(AMINATA, "Merci de confirmer");
        String replyTo = ((InternetAddress) confirm.getReplyTo()[0]).getAddress();
        assertTrue(replyTo.matches("strategies-fr-request\\+[a-z2-7]+@forum\\.test"), replyTo);
        forum.send(JEAN, replyTo, ForumFixture.message(JEAN, replyTo, "Re: confirm", "<forged@client.test>", "oui"));
        forum.awaitOne(JEAN, "Votre demande");
        assertTrue(forum.forum.store().read(tx -> tx.members().subscription(member(AMINATA).id(), "strategies-fr"))
                .isPresent(), "someone else cannot confirm");
        forum.send(AMINATA, replyTo, ForumFixture.message(AMINATA, replyTo, "Re: confirm", "<ok@client.test>", "oui"));
        forum.awaitOne(AMINATA, "Votre demande");
        forum.settle();
        assertTrue(forum.forum.store().read(tx -> tx.members().subscription(member(AMINATA).id(), "strategies-fr"))
                .isEmpty());

        // Digest and nomail.
        request(JEAN, "strategies-fr", "résumé", "");
        forum.awaitOne(JEAN, "Votre demande");
        request(PABLO, "strategies-es", "suspender", "");
        forum.awaitOne(PABLO, "Su solicitud");
        assertEquals(Delivery.NONE, forum.forum.store().read(tx -> tx.members().subscription(member(PABLO).id(),
                "strategies-es")).orElseThrow().delivery());
        forum.forum.chores(); // the digest clock starts
        forum.post(CLAIRE, "strategies-fr", "Pour le résumé", "Un message de la semaine.");
        forum.awaitOne(JOHN, "Pour le résumé");
        forum.settle();
        assertTrue(forum.inbox(JEAN).stream().noneMatch(m -> ForumFixture.subject(m).contains("Pour le résumé")), "not one by one");
        forum.clock.advance(Duration.ofDays(7));
        forum.forum.chores();
        forum.forum.wakeUps().outbox();
        MimeMessage digest = forum.awaitOne(JEAN, "Résumé : 1 messages");
        assertTrue(text(digest).contains("Pour le résumé") && text(digest).contains("Un message de la semaine."),
                text(digest));
        assertTrue(digest.getHeader("List-Unsubscribe") != null, "a digest is a list mailing");
        request(JEAN, "strategies-fr", "résumé non", "");
        forum.settle();
        assertEquals(Delivery.EACH, forum.forum.store().read(tx -> tx.members().subscription(member(JEAN).id(),
                "strategies-fr")).orElseThrow().delivery());
        assertFalse(forum.inbox(PABLO).stream().anyMatch(m -> ForumFixture.subject(m).contains("Pour le résumé")));
    }

    @Test
    void onTheWebModeratorsOpenAndCloseDiscussionsAndDecideWhatMembersAsk() throws Exception {
        password(MODERATOR);
        password(JEAN);
        WebClient moderator = new WebClient(forum.server.webPort());
        moderator.login(MODERATOR, PASSWORD);
        HttpResponse<String> opened = moderator.post("/discussions", Map.of("room", "strategies", "title-en", "Budgets",
                "text-en", "How do you fund it?", "title-fr", "Budgets", "text-fr", "Comment le financez-vous ?",
                "days", "7"));
        assertEquals(302, opened.statusCode());
        forum.awaitOne(JOHN, "[strategies-en] Budgets");
        forum.awaitOne(AMINATA, "[strategies-fr] Budgets");
        forum.awaitOne(PABLO, "[strategies-es] Budgets"); // no Spanish text: the forum's language stands in
        Discussion d = forum.admin().discussions(Optional.empty()).get(0);
        assertEquals(Discussion.State.OPEN, d.state());
        assertTrue(moderator.get("/discussions").body().contains("id=\"discussion-" + d.id() + "\""));

        WebClient jean = new WebClient(forum.server.webPort());
        jean.login(JEAN, PASSWORD);
        HttpResponse<String> list = jean.get("/lists/strategies-fr");
        assertTrue(list.body().contains("id=\"propose\"") && list.body().contains("id=\"invite\""));
        assertEquals(404, jean.get("/discussions").statusCode(), "moderators only");
        assertEquals(302, jean.post("/lists/strategies-fr/propose", Map.of("title", "Les brevets verts",
                "text", "Parlons-en.")).statusCode());
        assertEquals(302, jean.post("/lists/strategies-fr/invite", Map.of("discussion", String.valueOf(d.id()),
                "name", "Marie Expert", "email", OUTSIDER, "organisation", "Institut", "why", "Expert")).statusCode());
        forum.awaitOne(MODERATOR, "Request 2: a guest for a discussion");
        String page = moderator.get("/discussions").body();
        assertTrue(page.contains("id=\"request-1\"") && page.contains("id=\"request-2\""), page);
        assertEquals(302, moderator.post("/requests/1", Map.of("action", "accept")).statusCode());
        assertEquals(302, moderator.post("/requests/2", Map.of("action", "decline", "reason", "Not this week"))
                .statusCode());
        assertTrue(text(forum.awaitOne(JEAN, "Refusée")).contains("Not this week"));
        forum.awaitOne(JEAN, "Acceptée");
        assertEquals(2, forum.admin().discussions(Optional.empty()).size(), "the proposal became a discussion");

        assertEquals(302, moderator.post("/discussions/" + d.id() + "/close", Map.of()).statusCode());
        assertEquals(Discussion.State.CLOSED, forum.forum.store().read(tx -> tx.discussions().find(d.id()))
                .orElseThrow().state());
    }
}
