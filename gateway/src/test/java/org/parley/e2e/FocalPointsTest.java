package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.MODERATOR;
import static org.parley.e2e.ForumFixture.PASSWORD;
import static org.parley.e2e.ForumFixture.text;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import org.parley.model.Discussion;
import org.parley.model.Member;
import org.parley.model.Request;
import org.parley.web.Passwords;

/**
 * Focal points of a Member State: joins from their delegation's addresses come to them
 * first, they see its members and how each takes part, and they hear when one leaves or
 * bounces. France's focal point here is Jean; Claire is a French delegate.
 */
class FocalPointsTest {
    private static final String MARIE = "marie@delegation-fr.test";
    private static final String PAUL = "paul@delegation-fr.test";

    @TempDir
    Path dir;
    ForumFixture forum;

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.web.base-url", "http://localhost"));
        forum.relay.setUser(MARIE, MARIE, PASSWORD);
        forum.relay.setUser(PAUL, PAUL, PASSWORD);
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private void request(String from, String list, String subject, String body) throws Exception {
        forum.send(from, list + "-request@forum.test", ForumFixture.message(from, list + "-request@forum.test", subject,
                "<" + System.nanoTime() + "@client.test>", body));
    }

    private Member member(String email) {
        return forum.forum.store().read(tx -> tx.members().find(email)).orElseThrow();
    }

    /** The messages of a mailbox whose subject, or whose text, holds a piece of text. */
    private List<MimeMessage> holding(String user, String piece) {
        return forum.inbox(user).stream().filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(piece) || text(m).contains(piece);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private boolean holds(String user, String subjectPart) {
        return !holding(user, subjectPart).isEmpty();
    }

    @Test
    void aFocalPointIsSetOnlyForAMemberStatesDelegateAndSaysSo() {
        ForumFixture.Run set = forum.parley("", "member", "set", JEAN, "--focal-point");
        assertEquals(0, set.code(), set.err());
        assertTrue(set.out().contains("focal point of FR"), set.out());
        assertTrue(forum.parley("", "member", "list").out().lines()
                .anyMatch(l -> l.startsWith(JEAN) && l.endsWith("focal-point")));

        ForumFixture.Run staff = forum.parley("", "member", "set", MODERATOR, "--focal-point");
        assertNotEquals(0, staff.code());
        assertTrue(staff.err().contains("a focal point speaks for a Member State") && !staff.err().contains("Exception"),
                staff.err());
        assertEquals(0, forum.parley("", "member", "set", JEAN, "--no-focal-point").code());
        assertFalse(member(JEAN).focalPoint());
    }

    @Test
    void aJoinFromTheDelegationGoesToItsFocalPointFirstThenToTheModerators() throws Exception {
        forum.parley("", "member", "set", JEAN, "--focal-point");

        request(MARIE, "strategies-fr", "rejoindre", "Je suis la nouvelle attachée.");
        MimeMessage ask = forum.awaitOne(JEAN, "de votre délégation");
        String body = text(ask);
        assertTrue(body.contains("France, dont vous êtes point focal") && body.contains("Je suis la nouvelle attachée."), body);
        assertTrue(body.contains("http://localhost/delegation"), body);
        forum.awaitOne(MARIE, "Votre demande");
        forum.settle();
        assertFalse(holds(MODERATOR, "joining the list"), "the moderators wait for the focal point");
        assertEquals(Request.State.FOCAL_POINT, forum.forum.store().read(tx -> tx.requests().forFocalPoints("FR", 10))
                .get(0).state());

        // Another French delegate is no focal point: a forged approval changes nothing.
        forum.send(CLAIRE, Replies.replyAddress(ask), Replies.outlook(CLAIRE, ask, "approuver"));
        MimeMessage refused = forum.awaitOne(CLAIRE, "Rien n'a été changé");
        assertTrue(text(refused).contains("modérateur"), text(refused));
        assertFalse(holds(MODERATOR, "joining the list"));

        forum.send(JEAN, Replies.replyAddress(ask), Replies.outlook(JEAN, ask, "approuver"));
        MimeMessage passed = forum.awaitOne(MODERATOR, "joining the list");
        assertTrue(text(passed).contains("Approved by Jean Dupont <" + JEAN + ">, focal point of France."), text(passed));
        forum.awaitOne(JEAN, "transmise aux modérateurs");
        forum.send(MODERATOR, Replies.replyAddress(passed), Replies.outlook(MODERATOR, passed, "approve"));
        forum.awaitOne(MARIE, "Acceptée");
        assertTrue(forum.forum.store().read(tx -> tx.members().subscription(member(MARIE).id(), "strategies-fr"))
                .isPresent());

        // Unanswered for longer than the forum allows (3 days), a join goes on to the moderators.
        request(PAUL, "strategies-fr", "join", "");
        forum.awaitOne(JEAN, "Demande 2");
        forum.settle();
        assertFalse(holds(MODERATOR, "Request 2"));
        forum.clock.advance(Duration.ofDays(3).plusHours(1));
        forum.forum.chores();
        forum.forum.wakeUps().outbox();
        MimeMessage late = forum.awaitOne(MODERATOR, "Request 2");
        assertTrue(text(late).contains("No focal point of France answered within 3 days."), text(late));

        // A focal point's approval once the moderators have it is refused; Jean cannot decide it.
        MimeMessage jeans = holding(JEAN, "Demande 2").get(0);
        forum.send(JEAN, Replies.replyAddress(jeans), Replies.outlook(JEAN, jeans, "approve"));
        forum.settle();
        assertEquals(Request.State.PENDING, forum.forum.store().read(tx -> tx.requests().pending(0, 10)).get(0).state());
    }

    @Test
    void aGuestProposedByAFocalPointIsAskedOnTheDelegationsBehalf() throws Exception {
        forum.parley("", "member", "set", JEAN, "--focal-point");
        forum.admin().openDiscussion("strategies", Map.of("fr", new Discussion.Text("Brevets verts", "Ouvert.")),
                forum.forum.clock().instant(), Optional.empty(), "test");
        forum.awaitOne(AMINATA, "[strategies-fr] Brevets verts");
        request(JEAN, "strategies-fr", "inviter", "Nom : Marie Expert\nCourriel : someone@elsewhere.test\n"
                + "Organisation : Institut des brevets\nMotif : elle a conduit l'étude.");
        MimeMessage notice = forum.awaitOne(MODERATOR, "a guest for a discussion");
        assertTrue(text(notice).contains("Proposed on behalf of the delegation of France by its focal point."),
                text(notice));
        request(AMINATA, "strategies-fr", "inviter", "Nom : Paul Expert\nCourriel : paul@elsewhere.test\n"
                + "Organisation : Institut\nMotif : étude.");
        forum.settle();
        MimeMessage other = holding(MODERATOR, "Paul Expert").get(0);
        assertFalse(text(other).contains("on behalf of"), "a delegate who is no focal point asks for themselves");
    }

    @Test
    void theFocalPointSeesTheDelegationAndHearsOfLeavesAndBounces() throws Exception {
        forum.parley("", "member", "set", JEAN, "--focal-point");
        for (String m : new String[] {JEAN, CLAIRE, AMINATA}) {
            forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(m).orElseThrow().id(),
                    Passwords.hash(PASSWORD + PASSWORD)));
        }
        forum.post(CLAIRE, "strategies-fr", "Plan national", "Voici le plan.");
        MimeMessage copy = forum.awaitOne(CLAIRE, "Plan national");

        // Mail to Claire comes back: Jean hears of it once, however many copies bounce that week.
        String returnPath = copy.getHeader("Return-Path")[0].replaceAll("[<>]", "");
        for (int i = 0; i < 2; i++) {
            forum.send("", returnPath, "From: MAILER-DAEMON@mx.delegation-fr.test\r\nTo: " + returnPath
                    + "\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce" + i + "@mx.test>\r\n"
                    + "Auto-Submitted: auto-replied\r\nContent-Type: text/plain\r\n\r\n550 5.1.1 <" + CLAIRE
                    + ">: mailbox unavailable\r\n");
        }
        MimeMessage bounced = forum.awaitOne(JEAN, "Claire Moreau (France)");
        assertTrue(text(bounced).contains("revenu non distribué"), text(bounced));
        forum.settle();
        assertEquals(1, holding(JEAN, "Claire Moreau (France)").size(), "once a week");

        // The page: members of France, their lists, posts and bounces; nobody else has it.
        WebClient web = new WebClient(forum.server.webPort());
        web.login(JEAN, PASSWORD + PASSWORD);
        forum.acceptProtocol(JEAN);
        HttpResponse<String> page = web.get("/delegation");
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertTrue(html.contains("Délégation : France") && html.contains("Claire Moreau") && html.contains("Jean Dupont"),
                html);
        assertFalse(html.contains("Aminata"), "another delegation's member");
        Matcher claire = Pattern.compile("Claire Moreau.*?</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(claire.find());
        assertTrue(claire.group().contains("strategies-fr") && claire.group().contains("<td>1</td>")
                && claire.group().contains("<td>2 ("), claire.group());
        assertTrue(html.contains("href=\"/delegation\""), "a link in the navigation");
        WebClient claireWeb = new WebClient(forum.server.webPort());
        claireWeb.login(CLAIRE, PASSWORD + PASSWORD);
        forum.acceptProtocol(CLAIRE);
        assertEquals(404, claireWeb.get("/delegation").statusCode());
        assertFalse(claireWeb.get("/").body().contains("href=\"/delegation\""));

        // A join waiting for Jean is on his page, and he passes it on from there.
        request(MARIE, "strategies-fr", "join", "");
        forum.awaitOne(JEAN, "de votre délégation");
        long id = forum.forum.store().read(tx -> tx.requests().forFocalPoints("FR", 10)).get(0).id();
        assertTrue(web.get("/delegation").body().contains(MARIE));
        assertEquals(404, claireWeb.post("/delegation/requests/" + id, Map.of("action", "accept")).statusCode());
        HttpResponse<String> passed = web.post("/delegation/requests/" + id, Map.of("action", "accept"));
        assertEquals(302, passed.statusCode());
        forum.awaitOne(MODERATOR, "joining the list");

        // Claire leaves the list: Jean is told.
        request(CLAIRE, "strategies-fr", "quitter", "");
        MimeMessage confirm = forum.awaitOne(CLAIRE, "confirmer");
        String replyTo = ((InternetAddress) confirm.getReplyTo()[0]).getAddress();
        forum.send(CLAIRE, replyTo, ForumFixture.message(CLAIRE, replyTo, "Re: confirm", "<leave@client.test>", "oui"));
        MimeMessage left = forum.awaitOne(JEAN, "a quitté");
        assertTrue(text(left).contains("Claire Moreau <" + CLAIRE + ">") && text(left).contains("a quitté strategies-fr"),
                text(left));
    }
}
