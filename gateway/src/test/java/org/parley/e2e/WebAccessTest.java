package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.JOHN;
import static org.parley.e2e.ForumFixture.MODERATOR;
import static org.parley.e2e.ForumFixture.OUTSIDER;
import static org.parley.e2e.ForumFixture.PABLO;

import jakarta.mail.internet.MimeMessage;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
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
import org.parley.model.HeldMessage;
import org.parley.model.Role;
import org.parley.model.ThreadSummary;
import org.parley.testing.TestData;
import org.parley.web.Passwords;
import org.parley.web.WebApp;

/** Every access rule of the archive over real HTTP: member, moderator, outsider, logged out. */
class WebAccessTest {
    static final String PASSWORD = "correct horse battery";
    /** A link to a part of a message (an attachment, an inline image), as the message's page writes it. */
    private static final Pattern PART_LINK =
            Pattern.compile("/lists/strategies-en/messages/[A-Z0-9]+/parts/\\d+[^\"]*");

    @TempDir
    Path dir;
    ForumFixture forum;
    WebClient web;

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.web.base-url", "http://localhost"));
        for (String member : List.of(MODERATOR, JEAN, AMINATA, PABLO)) {
            forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(member).orElseThrow().id(),
                    Passwords.hash(PASSWORD)));
        }
        web = new WebClient(forum.server.webPort());
        forum.post(CLAIRE, "strategies-fr", "Plan national", "Voici le plan.\n\n> cité\n\n-- \nClaire");
        forum.post(JOHN, "strategies-en", "National plan", "Here is the plan.");
        forum.awaitOne(AMINATA, "Plan national");
        forum.awaitOne(JOHN, "National plan");
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private long threadOf(String list) {
        return forum.forum.store().read(tx -> tx.archive().threads(list, Optional.empty(), 0, 1)).get(0).id();
    }

    private static void assertHeaders(HttpResponse<?> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), r.uri() + " " + csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), r.uri().toString());
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), r.uri().toString());
    }

    @Test
    void aLongThreadComesInPartsAndALinkToOneOfItsMessagesOpensItsPart() throws Exception {
        StringBuilder mbox = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            mbox.append("From long@delegation-fr.test Tue Nov 24 10:00:00 2026\n")
                    .append("From: Claire Moreau <").append(CLAIRE).append(">\n")
                    .append("Subject: ").append(i == 0 ? "" : "Re: ").append("Un long fil\n")
                    .append("Message-ID: <long-").append(i).append("@client.test>\n")
                    .append(i == 0 ? "" : "In-Reply-To: <long-" + (i - 1) + "@client.test>\n")
                    .append("Date: Tue, 24 Nov 2026 10:").append(String.format("%02d", i % 60)).append(":")
                    .append(String.format("%02d", i / 60)).append(" +0000\n\n")
                    .append("Message numéro ").append(i).append(".\n\n");
        }
        Path file = dir.resolveSibling(dir.getFileName() + "-long.mbox");
        java.nio.file.Files.writeString(file, mbox);
        assertEquals(0, forum.parley("", "import", "mbox", "strategies-fr", file.toString(), "--no-progress").code());
        java.nio.file.Files.delete(file);
        ArchivedMessage last = forum.forum.store().read(tx -> tx.archive().withMessageId("<long-129@client.test>")).get(0);
        web.login(JEAN, PASSWORD);
        String thread = "/lists/strategies-fr/threads/" + last.threadId();

        String first = web.get(thread).body();
        assertEquals(100, count(first, "<details open class=\"message"), "a part holds 100 messages");
        assertTrue(first.contains("Message numéro 0.") && !first.contains("Message numéro 100."));
        assertTrue(first.contains("Partie 1 sur 2") && first.contains("href=\"" + thread + "?part=2\""), "a link to the next part");
        String second = web.get(thread + "?part=2").body();
        assertEquals(30, count(second, "<details open class=\"message"));
        assertTrue(second.contains("Message numéro 129.") && second.contains("href=\"" + thread + "?part=1\""));
        assertTrue(web.get(thread + "?at=" + last.hash()).body().contains("id=\"m-" + last.hash() + "\""),
                "a link to a message opens the part that holds it");
        assertEquals(200, web.get(thread + "?part=99").statusCode(), "a part beyond the end shows the last");
        assertTrue(web.get("/lists/strategies-fr/messages/" + last.hash()).body()
                .contains(thread + "?at=" + last.hash() + "#m-" + last.hash()));
    }

    private static int count(String text, String piece) {
        int n = 0;
        for (int at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aParagraphPastedIntoTheSearchBoxSearchesItsFirst32WordsAndSaysSo() throws Exception {
        web.login(JEAN, PASSWORD);
        String paragraph = "plan " + "national ".repeat(400);
        HttpResponse<String> page = web.get("/search?all=1&q=" + URLEncoder.encode(paragraph, StandardCharsets.UTF_8));
        assertEquals(200, page.statusCode(), "it was a 500: over Lucene's 1,024 clauses");
        assertTrue(page.body().contains("<p id=\"cut\" role=\"status\">Seuls les 32 premiers mots ont été cherchés.</p>"),
                page.body());
        assertTrue(page.body().contains("Un message trouvé") && page.body().contains("Plan national"), page.body());
    }

    @Test
    void loggedOutVisitorsAreSentToTheLoginPageAndSeeNothing() throws Exception {
        for (String path : List.of("/", "/lists/strategies-fr", "/lists/strategies-fr/threads/" + threadOf("strategies-fr"),
                "/moderation", "/settings")) {
            HttpResponse<String> r = web.get(path);
            assertEquals(302, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login?next="), path);
            assertFalse(r.body().contains("Plan national"));
            assertHeaders(r);
        }
        assertHeaders(web.get("/login"));
    }

    @Test
    void aLoadBalancerAsksWhetherTheProcessIsAliveAndReadyWithoutLoggingIn() throws Exception {
        HttpResponse<String> alive = web.get("/healthz");
        assertEquals(200, alive.statusCode());
        assertEquals("ok\n", alive.body());
        HttpResponse<String> ready = web.get("/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ready\n", ready.body());
        assertHeaders(ready);
        try (WebApp stopped = new WebApp(forum.forum, new SecureRandom(), () -> false).start("127.0.0.1", 0)) {
            HttpResponse<String> notReady = new WebClient(stopped.port()).get("/readyz");
            assertEquals(503, notReady.statusCode());
            assertEquals("workers: a worker thread has stopped (see the log)\n", notReady.body());
        }
    }

    @Test
    void aModeratorErasesAPostOnTheWebAndATombstoneKeepsItsPlaceInTheThread() throws Exception {
        ArchivedMessage post = forum.forum.store().read(tx -> tx.archive().messagesOf(
                tx.archive().threads("strategies-fr", Optional.empty(), 0, 1).get(0).id()).get(0));
        String page = "/lists/strategies-fr/messages/" + post.hash();
        web.login(JEAN, PASSWORD);
        assertFalse(web.get(page).body().contains("id=\"erase\""), "a delegate has no erase button");
        assertEquals(404, web.post(page + "/erase", Map.of("reason", "mine")).statusCode());

        WebClient moderator = new WebClient(forum.server.webPort());
        moderator.login(MODERATOR, PASSWORD);
        assertTrue(moderator.get(page).body().contains("id=\"erase\""));
        HttpResponse<String> refused = moderator.post(page + "/erase", Map.of("reason", " "));
        assertTrue(refused.headers().firstValue("Location").orElse("").contains("reason"), refused.headers().toString());
        HttpResponse<String> erased = moderator.post(page + "/erase", Map.of("reason", "asked by Claire"));
        assertEquals(302, erased.statusCode());
        String shown = moderator.get(erased.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(shown.contains("This message was removed on request on"), shown);
        assertTrue(shown.contains("out of reach"), shown);
        assertFalse(shown.contains("Voici le plan"), shown);
        String thread = web.get("/lists/strategies-fr/threads/" + post.threadId()).body();
        assertTrue(thread.contains("Ce message a été retiré sur demande le") || thread.contains("removed on request"), thread);
        assertFalse(thread.contains("Voici le plan"), thread);
        assertTrue(moderator.get("/moderation/audit").body().contains("asked by Claire"));
        assertFalse(moderator.get(page).body().contains("id=\"erase\""), "erased once");
    }

    @Test
    void aMemberReadsTheirListsAndGetsNotFoundForEverythingElse() throws Exception {
        HttpResponse<String> login = web.login(JEAN, PASSWORD);
        assertEquals(302, login.statusCode(), login.body());
        HttpResponse<String> home = web.get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("/lists/strategies-fr"));
        assertFalse(home.body().contains("/lists/strategies-en"));
        assertTrue(home.headers().firstValue("Set-Cookie").isEmpty() || !home.body().isEmpty());
        assertHeaders(home);

        HttpResponse<String> list = web.get("/lists/strategies-fr");
        assertTrue(list.body().contains("Plan national"), list.body());
        assertTrue(list.body().contains("Claire Moreau"));
        assertHeaders(list);
        HttpResponse<String> thread = web.get("/lists/strategies-fr/threads/" + threadOf("strategies-fr"));
        assertEquals(200, thread.statusCode());
        assertTrue(thread.body().contains("<details class=\"quote\">"), thread.body());
        assertTrue(thread.body().contains("<details class=\"sig\">"), "signature folded");
        assertHeaders(thread);

        long english = threadOf("strategies-en");
        for (String path : List.of("/lists/strategies-en", "/lists/strategies-en/threads/" + english,
                "/lists/strategies-fr/threads/" + english, "/lists/no-such-list", "/lists/strategies-fr/threads/999999",
                "/lists/strategies-fr/messages/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/moderation", "/moderation/audit")) {
            HttpResponse<String> r = web.get(path);
            assertEquals(404, r.statusCode(), path);
            assertFalse(r.body().contains("National plan"), path);
            assertHeaders(r);
        }
        assertEquals(404, web.post("/moderation/1", Map.of("action", "approve")).statusCode());
    }

    @Test
    void everyRealMessageOfTheCorpusApprovedOnTheWebOpensOnItsPageAndSoDoItsParts() throws Exception {
        List<Path> corpus = TestData.realMessages();
        for (Path file : corpus) {
            assertEquals(250, forum.send(OUTSIDER, "strategies-en@forum.test", Files.readAllBytes(file)).code(),
                    file.toString());
        }
        forum.settle();
        List<HeldMessage> held = forum.forum.store().read(tx -> tx.held().pending(Optional.of("strategies-en"), 0,
                1000));
        assertTrue(held.size() > corpus.size() / 2, held.size() + " of " + corpus.size() + " held");
        web.login(MODERATOR, PASSWORD);
        for (HeldMessage h : held) {
            HttpResponse<String> decided = web.post("/moderation/" + h.id(), Map.of("action", "approve"));
            assertEquals(302, decided.statusCode(), h.messageId());
            assertFalse(decided.headers().firstValue("Location").orElse("").contains("Nothing"), h.messageId());
        }
        // Archived in the approving transaction: the pages are there once the last answer is.
        List<ArchivedMessage> archived = forum.forum.store().read(tx -> tx.archive().ofList("strategies-en",
                Optional.empty(), Optional.empty(), 0, 1000));
        assertEquals(held.size() + 1, archived.size(), "the corpus and the plan posted before it");
        int parts = 0;
        for (ArchivedMessage m : archived) {
            HttpResponse<String> page = web.get("/lists/strategies-en/messages/" + m.hash());
            assertEquals(200, page.statusCode(), m.messageId());
            Matcher part = PART_LINK.matcher(page.body());
            while (part.find()) {
                parts++;
                String link = part.group().replace("&amp;", "&");
                assertEquals(200, web.get(link).statusCode(), m.messageId() + " " + link);
            }
        }
        assertTrue(parts > 10, parts + " part links");
    }

    @Test
    void aModeratorSeesEveryListAndDecidesHeldPostsOnTheWeb() throws Exception {
        forum.post(JEAN, "strategies-fr", "À modérer", "Texte à modérer");
        forum.awaitOne(MODERATOR, "Held for moderation");
        web.login(MODERATOR, PASSWORD);
        HttpResponse<String> home = web.get("/");
        assertTrue(home.body().contains("/lists/strategies-en") && home.body().contains("/lists/strategies-es"));
        HttpResponse<String> queue = web.get("/moderation");
        assertTrue(queue.body().contains("À modérer") && queue.body().contains("Texte à modérer"), queue.body());
        assertTrue(queue.body().contains(JEAN));
        HttpResponse<String> decided = web.post("/moderation/1", Map.of("action", "reject", "reason", "hors sujet"));
        assertEquals(302, decided.statusCode());
        forum.awaitOne(JEAN, "n'a pas été accepté");
        HttpResponse<String> again = web.post("/moderation/1", Map.of("action", "approve"));
        assertTrue(again.headers().firstValue("Location").orElse("").contains("Nothing+changed"));
        HttpResponse<String> audit = web.get("/moderation/audit");
        assertTrue(audit.body().contains("hors sujet") && audit.body().contains("web"), audit.body());
    }

    /** One raw HTTP request, as a hostile client writes it; the response's status line and headers. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", forum.server.webPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            return end < 0 ? response : response.substring(0, end);
        }
    }

    @Test
    void jettysOwnRefusalsCarryTheSecurityHeadersToo() throws Exception {
        String[] requests = {
            "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: localhost\r\nBad Header\r\nConnection: close\r\n\r\n",
        };
        for (String request : requests) {
            String head = raw(request);
            assertTrue(head.matches("(?s)HTTP/1\\.1 4\\d\\d .*"), head);
            assertTrue(head.contains("Content-Security-Policy: default-src 'none'"), head);
            assertTrue(head.contains("X-Content-Type-Options: nosniff"), head);
            assertTrue(head.contains("X-Frame-Options: DENY"), head);
        }
    }

    @Test
    void afterLoginOnlyAPathOfThisSiteIsFollowed() throws Exception {
        web.get("/login");
        for (String next : List.of("/\t/evil.example", "/%09/evil.example", "/\\evil.example", "//evil.example")) {
            HttpResponse<String> r = web.loginTo(JEAN, PASSWORD, next);
            assertEquals(302, r.statusCode(), next);
            assertEquals("/", r.headers().firstValue("Location").orElse(""), next);
        }
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() throws Exception {
        web.get("/login");
        HttpResponse<String> r = web.postRaw("/login", Map.of("email", JEAN, "password", PASSWORD));
        assertEquals(403, r.statusCode());
        assertHeaders(r);
        web.login(JEAN, PASSWORD);
        assertEquals(403, web.postRaw("/settings", Map.of("language", "es", "csrf", "forged-token-forged-token-forged-token")).statusCode());
    }

    @Test
    void aCsrfCookieAndFieldBothChosenByAnAttackerDoNotPassAndTheTokenChangesAtLogin() throws Exception {
        String before = web.csrf();
        web.login(JEAN, PASSWORD);
        String after = web.csrf();
        assertFalse(before.equals(after), "a new token with the session");
        String chosen = "attacker-chosen-value-attacker-chosen-value";
        web.cookies.getCookieStore().add(URI.create(web.base), new HttpCookie("parley_csrf", chosen));
        assertEquals(403, web.postRaw("/settings", Map.of("language", "es", "csrf", chosen)).statusCode());
        assertEquals(403, web.postRaw("/settings", Map.of("language", "es", "csrf", before)).statusCode(), "the old one");
        assertEquals(302, web.postRaw("/settings", Map.of("language", "es", "csrf", after)).statusCode());
    }

    @Test
    void failedLoginsAreLimitedPerAccountWithAClearMessage() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, web.login(JEAN, "wrong password " + i).statusCode());
        }
        HttpResponse<String> limited = web.login(JEAN, PASSWORD);
        assertEquals(429, limited.statusCode());
        assertTrue(limited.body().contains("Too many failed attempts"), limited.body());
        forum.clock.advance(Duration.ofMinutes(16));
        assertEquals(302, web.login(JEAN, PASSWORD).statusCode());
    }

    @Test
    void wrongPasswordsSlowAnAccountDownButNeverLockItsOwnerOut() throws Exception {
        WebClient attacker = new WebClient(forum.server.webPort());
        for (int i = 0; i < 8; i++) {
            attacker.login(JEAN, "guess " + i);
            forum.clock.advance(Duration.ofSeconds(1));
        }
        HttpResponse<String> slowed = web.login(JEAN, PASSWORD);
        assertEquals(429, slowed.statusCode());
        assertTrue(slowed.body().matches("(?s).*Try again in \\d+ seconds, or ask for a login link by mail.*"), slowed.body());
        forum.clock.advance(Duration.ofSeconds(61));
        assertEquals(302, web.login(JEAN, PASSWORD).statusCode(), "a minute at most, however many guesses");
    }

    @Test
    void aLoginLinkStillReachesTheOwnerWhileSomeoneGuessesTheirPassword() throws Exception {
        WebClient attacker = new WebClient(forum.server.webPort());
        for (int i = 0; i < 10; i++) {
            attacker.login(JEAN, "guess " + i);
        }
        web.get("/login/link");
        assertEquals(200, web.post("/login/link", Map.of("email", JEAN)).statusCode());
        MimeMessage link = forum.awaitOne(JEAN, "lien de connexion");
        Matcher m = Pattern.compile("http://localhost(/login/link/[A-Za-z0-9_-]+)").matcher(ForumFixture.text(link));
        assertTrue(m.find(), ForumFixture.text(link));
        web.get(m.group(1));
        assertEquals(302, web.post(m.group(1), Map.of()).statusCode());
        assertEquals(200, web.get("/").statusCode());
    }

    @Test
    void aNewMemberSetsTheirPasswordFromTheWelcomeLinkOnce() throws Exception {
        forum.admin().addMember("new@delegation-ke.test", "Wanjiru", "KE", "en", Role.DELEGATE, false, true);
        forum.relay.setUser("new@delegation-ke.test", "new@delegation-ke.test", ForumFixture.PASSWORD);
        MimeMessage welcome = forum.awaitOne("new@delegation-ke.test", "Welcome");
        Matcher m = Pattern.compile("http://localhost(/password/set/[A-Za-z0-9_-]+)").matcher((String) welcome.getContent());
        assertTrue(m.find(), (String) welcome.getContent());
        assertEquals(200, web.get(m.group(1)).statusCode());
        assertEquals(400, web.post(m.group(1), Map.of("password", "short", "repeat", "short")).statusCode());
        HttpResponse<String> set = web.post(m.group(1), Map.of("password", PASSWORD, "repeat", PASSWORD));
        assertEquals(302, set.statusCode());
        // First login: the protocol comes first, and is recorded once accepted.
        assertEquals("/protocol?next=%2F", web.get("/").headers().firstValue("Location").orElse(""));
        HttpResponse<String> protocol = web.get("/protocol?next=%2F");
        assertTrue(protocol.body().contains("Protocol of the forum") && protocol.body().contains("id=\"accept\""));
        assertEquals("/", web.post("/protocol", Map.of("next", "/")).headers().firstValue("Location").orElse(""));
        assertEquals(200, web.get("/").statusCode());
        long id = forum.forum.store().read(tx -> tx.members().find("new@delegation-ke.test")).orElseThrow().id();
        assertEquals(Optional.of("2026-11"), forum.forum.store().read(tx -> tx.members().acceptedProtocol(id)));
        // A member who accepted an older version accepts the new one again.
        forum.forum.store().run(tx -> tx.members().acceptProtocol(id, "2025-01", forum.clock.instant()));
        assertTrue(web.get("/lists/strategies-fr").headers().firstValue("Location").orElse("").startsWith("/protocol"));
        assertEquals(404, new WebClient(forum.server.webPort()).get(m.group(1)).statusCode(), "single use");
        assertEquals(302, new WebClient(forum.server.webPort()).login("new@delegation-ke.test", PASSWORD).statusCode());
    }

    @Test
    void forgottenPasswordsAndLoginLinksComeByMailAndWorkOnce() throws Exception {
        web.get("/password/forgot");
        HttpResponse<String> asked = web.post("/password/forgot", Map.of("email", PABLO));
        assertTrue(asked.body().contains("If that address belongs to a member"));
        assertTrue(web.post("/password/forgot", Map.of("email", "nobody@nowhere.test")).body()
                .contains("If that address belongs to a member"), "no hint whether an address is a member's");
        MimeMessage reset = forum.awaitOne(PABLO, "nueva contraseña");
        Matcher m = Pattern.compile("http://localhost(/password/set/[A-Za-z0-9_-]+)").matcher((String) reset.getContent());
        assertTrue(m.find());
        assertEquals(302, web.post(m.group(1), Map.of("password", "otra contraseña larga", "repeat", "otra contraseña larga")).statusCode());

        WebClient other = new WebClient(forum.server.webPort());
        other.get("/login/link");
        other.post("/login/link", Map.of("email", AMINATA));
        MimeMessage link = forum.awaitOne(AMINATA, "lien de connexion");
        Matcher l = Pattern.compile("http://localhost(/login/link/[A-Za-z0-9_-]+)").matcher((String) link.getContent());
        assertTrue(l.find());
        assertEquals(200, other.get(l.group(1)).statusCode(), "a GET (a mail scanner) does not use the link");
        assertEquals(302, other.post(l.group(1), Map.of()).statusCode());
        assertEquals(200, other.get("/").statusCode());
        assertEquals(404, other.post(l.group(1), Map.of()).statusCode(), "single use");
    }

    @Test
    void sessionsEndOnLogoutAndAfterTheIdleTime() throws Exception {
        web.login(JEAN, PASSWORD);
        assertEquals(200, web.get("/").statusCode());
        web.post("/logout", Map.of());
        assertEquals(302, web.get("/").statusCode());
        web.login(JEAN, PASSWORD);
        assertEquals(200, web.get("/").statusCode());
        forum.clock.advance(Duration.ofMinutes(121));
        assertEquals(302, web.get("/").statusCode());
    }

    @Test
    void aMemberSeesTheInterfaceInTheirLanguageAndChangesTheirSettings() throws Exception {
        web.login(JEAN, PASSWORD);
        assertTrue(web.get("/").body().contains(">Accueil<"), "French for a French-speaking member");
        HttpResponse<String> saved = web.post("/settings", Map.of("language", "es", "zone", "America/Bogota"));
        assertEquals(302, saved.statusCode());
        HttpResponse<String> page = web.get("/settings");
        assertTrue(page.body().contains(">Inicio<"), "now in Spanish");
        assertTrue(page.body().contains("<option selected>America/Bogota</option>"));
        assertEquals(Delivery.NONE, forum.forum.store().read(tx ->
                tx.members().subscription(tx.members().find(JEAN).orElseThrow().id(), "strategies-fr")).orElseThrow().delivery(),
                "the unticked list is no longer delivered");
        int before = forum.inbox(JEAN).size();
        forum.post(CLAIRE, "strategies-fr", "Sans Jean", "Jean lit les archives.");
        forum.awaitOne(AMINATA, "Sans Jean");
        forum.settle();
        assertEquals(before, forum.inbox(JEAN).size());

        assertEquals(400, web.post("/settings/password", Map.of("current", "wrong", "password", "nouveau mot de passe",
                "repeat", "nouveau mot de passe")).statusCode());
        assertEquals(200, web.post("/settings/password", Map.of("current", PASSWORD, "password", "nouveau mot de passe",
                "repeat", "nouveau mot de passe")).statusCode());
        assertEquals(302, new WebClient(forum.server.webPort()).login(JEAN, "nouveau mot de passe").statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() throws Exception {
        HttpResponse<String> login = web.login(JEAN, PASSWORD);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("parley_session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void oneClickUnsubscribeWorksByPostOnlyFromTheListCopyHeader() throws Exception {
        MimeMessage copy = forum.awaitOne(AMINATA, "Plan national");
        Matcher m = Pattern.compile("<http://localhost(/unsubscribe/[a-z2-7]+)>").matcher(copy.getHeader("List-Unsubscribe")[0]);
        assertTrue(m.find(), copy.getHeader("List-Unsubscribe")[0]);
        WebClient mailClient = new WebClient(forum.server.webPort());
        assertEquals(200, mailClient.get(m.group(1)).statusCode());
        long before = forum.forum.store().read(tx -> tx.members().subscriptions(tx.members().find(AMINATA).orElseThrow().id())).size();
        assertEquals(1, before, "a GET changes nothing");
        HttpResponse<String> done = mailClient.postRaw(m.group(1), Map.of("List-Unsubscribe", "One-Click"));
        assertEquals(200, done.statusCode());
        assertEquals(0, forum.forum.store().read(tx -> tx.members().subscriptions(tx.members().find(AMINATA).orElseThrow().id())).size());
        assertEquals(404, mailClient.postRaw("/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Map.of()).statusCode());
    }

    @Test
    void threadPagesLinkToTheirNeighboursAndPermalinksMatchArchivedAt() throws Exception {
        forum.post(CLAIRE, "strategies-fr", "Deuxième fil", "Autre sujet");
        MimeMessage copy = forum.awaitOne(AMINATA, "Deuxième fil");
        web.login(JEAN, PASSWORD);
        String archivedAt = copy.getHeader("Archived-At")[0];
        String path = archivedAt.substring("<http://localhost".length(), archivedAt.length() - 1);
        HttpResponse<String> message = web.get(path);
        assertEquals(200, message.statusCode(), path);
        assertTrue(message.body().contains("Autre sujet"));
        List<ThreadSummary> threads = forum.forum.store().read(tx -> tx.archive().threads("strategies-fr", Optional.empty(), 0, 10));
        HttpResponse<String> newest = web.get("/lists/strategies-fr/threads/" + threads.get(0).id());
        assertTrue(newest.body().contains("/lists/strategies-fr/threads/" + threads.get(1).id()), "link to the next thread");
    }
}
