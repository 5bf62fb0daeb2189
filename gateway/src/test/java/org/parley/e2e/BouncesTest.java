package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.MODERATOR;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.AuditEntry;
import org.parley.web.Passwords;

/** Real bounces and a real spam complaint sent back to the VERP address of a copy. */
class BouncesTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @BeforeEach
    void start() throws Exception {
        // Over plain http, so that the test's browser keeps the session cookie.
        forum = ForumFixture.start(dir, loader -> loader.set("parley.web.base-url", "http://localhost"));
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

    private void bounce(String returnPath) throws Exception {
        forum.send("", returnPath, sisimai("lhost-postfix-01.eml").getBytes(StandardCharsets.ISO_8859_1));
        forum.settle();
    }

    @Test
    void anAddressThatKeepsBouncingStopsItsDeliveryIsWarnedAndComesBackByTheLink() throws Exception {
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Calendrier", "Proposition.").code());
        MimeMessage copy = forum.awaitOne(AMINATA, "[strategies-fr] Calendrier");
        String returnPath = copy.getHeader("Return-Path")[0].replaceAll("[<>]", "");

        bounce(returnPath);
        bounce(returnPath);
        assertEquals("bounce: permanent 5.1.1 " + AMINATA + ", score 1", outcome(), "one point a day at most");
        for (int day = 2; day <= 4; day++) {
            forum.clock.advance(Duration.ofDays(1));
            bounce(returnPath);
            assertEquals("bounce: permanent 5.1.1 " + AMINATA + ", score " + day, outcome());
        }
        ForumFixture.Run show = forum.parley("", "member", "show", AMINATA);
        assertTrue(show.out().contains("strategies-fr\tdelivery on\tbounce score 4"), show.out());
        assertTrue(show.out().contains("permanent 5.1.1 on strategies-fr"), show.out());

        // Eight days later the score is stale: it starts again from one.
        forum.clock.advance(Duration.ofDays(8));
        bounce(returnPath);
        assertEquals("bounce: permanent 5.1.1 " + AMINATA + ", score 1", outcome());
        for (int day = 2; day <= 5; day++) {
            forum.clock.advance(Duration.ofDays(1));
            bounce(returnPath);
        }
        assertEquals("bounce: permanent 5.1.1 " + AMINATA + ", score 5, delivery stopped", outcome());

        // Aminata is warned at that address, in French, with the link; the moderators are told.
        MimeMessage warning = forum.awaitOne(AMINATA, "Les envois vers votre adresse sont suspendus");
        String text = ForumFixture.text(warning);
        assertTrue(text.contains("avertissement 1 sur 3"), text);
        Matcher link = Pattern.compile("http://localhost(/reenable/[a-z2-7]+)").matcher(text);
        assertTrue(link.find(), text);
        assertTrue(forum.inbox(MODERATOR).stream().anyMatch(m -> ForumFixture.subject(m).contains("after 5 bounces")
                || ForumFixture.subject(m).contains("5 retours")), ForumFixture.subjects(forum.inbox(MODERATOR)).toString());
        show = forum.parley("", "member", "show", AMINATA);
        assertTrue(show.out().contains("delivery stopped by bounces (warnings sent: 1)"), show.out());

        // Posts go on without her.
        int before = forum.inbox(AMINATA).size();
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Suite", "La suite.").code());
        forum.awaitOne(JEAN, "[strategies-fr] Suite");
        forum.settle();
        assertEquals(before, forum.inbox(AMINATA).size(), "no copy while delivery is stopped");

        // A second warning a week later; the link turns delivery on again (a GET only shows the button).
        forum.clock.advance(Duration.ofDays(7));
        forum.forum.chores();
        forum.awaitOne(AMINATA, "Les envois vers votre adresse sont suspendus");
        forum.settle();
        assertTrue(forum.parley("", "member", "show", AMINATA).out().contains("warnings sent: 2"));
        WebClient web = new WebClient(forum.server.webPort());
        HttpResponse<String> page = web.get(link.group(1));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Receive strategies-fr again"), page.body());
        assertTrue(forum.parley("", "member", "show", AMINATA).out().contains("delivery stopped"));
        HttpResponse<String> done = web.postRaw(link.group(1), Map.of());
        assertEquals(200, done.statusCode());
        assertTrue(done.body().contains("is sent to you again"), done.body());
        show = forum.parley("", "member", "show", AMINATA);
        assertTrue(show.out().contains("strategies-fr\tdelivery on\tbounce score 0"), show.out());
        assertEquals(404, web.postRaw("/reenable/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Map.of()).statusCode());
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Retour", "Bon retour.").code());
        forum.awaitOne(AMINATA, "[strategies-fr] Retour");

        // The command line: enabling what is not stopped changes nothing; unknown member and list are one line each.
        ForumFixture.Run again = forum.parley("", "member", "enable", AMINATA, "strategies-fr");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("was not stopped"), again.out());
        assertEquals(65, forum.parley("", "member", "enable", "nobody@x.test", "strategies-fr").code());
        assertEquals(65, forum.parley("", "member", "enable", AMINATA, "strategies-es").code());
        assertEquals(65, forum.parley("", "member", "show", "nobody@x.test").code());
    }

    @Test
    void unansweredWarningsEndTheSubscriptionAndTheCommandLineTurnsDeliveryOn() throws Exception {
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Calendrier", "Proposition.").code());
        String returnPath = forum.awaitOne(AMINATA, "[strategies-fr] Calendrier").getHeader("Return-Path")[0]
                .replaceAll("[<>]", "");
        String johnsPath = forum.awaitOne(JEAN, "[strategies-fr] Calendrier").getHeader("Return-Path")[0]
                .replaceAll("[<>]", "");
        for (int day = 1; day <= 5; day++) {
            bounce(returnPath);
            bounce(johnsPath);
            forum.clock.advance(Duration.ofDays(1));
        }
        ForumFixture.Run enable = forum.parley("", "member", "enable", JEAN, "strategies-fr");
        assertEquals(0, enable.code(), enable.err());
        assertTrue(enable.out().contains("is on again"), enable.out());

        // Jean's address bounces again; this time he turns delivery on from his settings page.
        for (int day = 1; day <= 5; day++) {
            bounce(johnsPath);
            forum.clock.advance(Duration.ofDays(1));
        }
        assertTrue(forum.parley("", "member", "show", JEAN).out().contains("delivery stopped by bounces"));
        forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(JEAN).orElseThrow().id(),
                Passwords.hash("pw")));
        WebClient web = new WebClient(forum.server.webPort());
        web.login(JEAN, "pw");
        HttpResponse<String> settings = web.get("/settings");
        assertTrue(settings.body().contains("envois suspendus") && settings.body().contains("id=\"reenable-strategies-fr\""),
                settings.body());
        assertEquals(302, web.post("/settings/reenable", Map.of("list", "strategies-fr")).statusCode());
        assertTrue(forum.parley("", "member", "show", JEAN).out().contains("strategies-fr\tdelivery on\tbounce score 0"));
        assertTrue(!web.get("/settings").body().contains("envois suspendus"));

        for (int week = 1; week <= 3; week++) {
            forum.clock.advance(Duration.ofDays(7));
            forum.forum.chores();
            forum.settle();
        }
        assertTrue(forum.forum.store().read(tx -> tx.members().subscriptions(
                tx.members().find(AMINATA).orElseThrow().id())).isEmpty(), "three warnings unanswered: she left");
        assertEquals(3, forum.inbox(AMINATA).stream().filter(m -> ForumFixture.subject(m).contains("suspendus")).count());
        List<AuditEntry> audit = forum.forum.store().read(tx -> tx.audit().recent(0, 20));
        assertTrue(audit.stream().anyMatch(a -> a.verdict().equals("unsubscribed") && a.reason().startsWith(AMINATA)),
                audit.toString());
        assertEquals(2, audit.stream().filter(a -> a.verdict().equals("delivery enabled") && a.reason().equals(JEAN)).count(),
                audit.toString());
        assertEquals(1, forum.forum.store().read(tx -> tx.members().subscriptions(
                tx.members().find(JEAN).orElseThrow().id())).size());
    }

    @Test
    void sisimaisRealBouncesSentBackToACopysAddressAreReadAsSisimaiReadsThem() throws Exception {
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Calendrier", "Proposition.").code());
        String returnPath = forum.awaitOne(AMINATA, "[strategies-fr] Calendrier").getHeader("Return-Path")[0]
                .replaceAll("[<>]", "");
        Map<String, String> documented = new HashMap<>();
        for (String line : sisimai("disagreements.tsv").split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                documented.put(line.split("\t")[0], line.split("\t")[1].toLowerCase(Locale.ROOT));
            }
        }
        long before = forum.forum.store().read(tx -> tx.arrivals().newest()).orElseThrow();
        List<String[]> sent = new ArrayList<>();
        for (String line : sisimai("expected.tsv").split("\n")) {
            String[] cols = line.split("\t");
            if (cols[1].startsWith("2")) {
                continue;
            }
            String expected = documented.getOrDefault(cols[0], cols[1].startsWith("5") ? "permanent" : "temporary");
            // The files keep Unix line ends; the MTA that sends a bounce writes CRLF on the wire.
            String wire = sisimai(cols[0]).replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
            var reply = forum.send("", returnPath, wire.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(250, reply.code(), cols[0] + ": " + reply);
            sent.add(new String[] {cols[0], expected});
        }
        forum.settle();
        // An arrival's id is the store's identity: a store-busy retry of an insert leaves a gap, so the
        // returns are read in the order they came, not at computed ids.
        long newest = forum.forum.store().read(tx -> tx.arrivals().newest()).orElseThrow();
        List<String> outcomes = new ArrayList<>();
        for (long id = before + 1; id <= newest; id++) {
            long arrival = id;
            forum.forum.store().read(tx -> tx.arrivals().outcome(arrival)).ifPresent(outcomes::add);
        }
        assertEquals(sent.size(), outcomes.size());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (!outcomes.get(i).startsWith("DONE bounce: " + sent.get(i)[1])) {
                wrong.add(sent.get(i)[0] + " expected " + sent.get(i)[1] + ": " + outcomes.get(i));
            }
        }
        assertTrue(sent.size() > 450);
        assertEquals(List.of(), wrong);
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
        assertEquals("bounce: permanent 5.1.1 " + AMINATA + ", score 1", outcome());
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
        assertTrue(forum.inbox(MODERATOR).stream().anyMatch(m -> ForumFixture.subject(m).contains("Undelivered")));

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
