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
import static org.parley.e2e.ForumFixture.list;
import static org.parley.e2e.ForumFixture.message;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.demo.SmtpSubmission;
import org.parley.model.HeldMessage;
import org.parley.model.NonMemberAction;
import org.parley.relay.SmtpReply;

class RulesEndToEndTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @AfterEach
    void stop() {
        if (forum != null) {
            forum.close();
        }
    }

    @Test
    void aTrustedMembersPostGoesStraightToTheList() throws Exception {
        forum = ForumFixture.start(dir);
        forum.post(CLAIRE, "strategies-fr", "Compte rendu", "Voici le compte rendu.");
        for (String member : ForumFixture.FRENCH_MEMBERS) {
            forum.awaitOne(member, "[strategies-fr] Compte rendu");
        }
        forum.settle();
        assertTrue(forum.inbox(MODERATOR).isEmpty(), "no notice for a trusted post");
    }

    @Test
    void aNonMembersPostIsHeldForTheModeratorAndNeverDistributed() throws Exception {
        forum = ForumFixture.start(dir);
        forum.post(OUTSIDER, "strategies-fr", "Offre spéciale", "Achetez !");
        MimeMessage notice = forum.awaitOne(MODERATOR, "Held for moderation");
        assertTrue(((String) ((Multipart) notice.getContent()).getBodyPart(0).getContent())
                .contains("the sender is not a member of this list"));
        List<HeldMessage> held = forum.admin().held(Optional.of("strategies-fr"));
        assertEquals("not-member", held.get(0).reasons());
        forum.settle();
        assertTrue(forum.inbox(AMINATA).isEmpty());
    }

    @Test
    void whereTheForumRejectsNonMembersNothingIsHeldAndTheirPossiblyForgedAddressGetsNoMail() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.moderation.non-member", "reject"));
        forum.post(OUTSIDER, "strategies-es", "Hola", "Hola a todos");
        forum.settle();
        assertTrue(outcomeOf(1).startsWith("DONE rejected: not-member"), outcomeOf(1));
        assertTrue(forum.inbox(OUTSIDER).isEmpty(), "no backscatter");
        assertTrue(forum.admin().held(Optional.empty()).isEmpty());
    }

    @Test
    void aHeldNonMemberGetsNoAcknowledgementButAHeldMemberDoes() throws Exception {
        forum = ForumFixture.start(dir);
        forum.post(OUTSIDER, "strategies-fr", "Bonjour", "Bonjour");
        forum.post(JEAN, "strategies-fr", "Bonjour aussi", "Bonjour");
        forum.awaitOne(JEAN, "attend la modération");
        forum.settle();
        assertEquals(2, forum.admin().held(Optional.empty()).size());
        assertTrue(forum.inbox(OUTSIDER).isEmpty(), "no backscatter to a stranger's address");
    }

    @Test
    void postmasterIsAcceptedAndReachesThePeopleWhoRunTheForum() throws Exception {
        forum = ForumFixture.start(dir);
        String report = message(OUTSIDER, "postmaster@forum.test", "Abuse report", "<abuse@elsewhere.test>",
                "Your server sent us something odd.");
        assertEquals(250, forum.send(OUTSIDER, "postmaster@forum.test", report).code());
        assertEquals(250, forum.send(OUTSIDER, "Postmaster", report.replace("<abuse@", "<abuse2@")).code());
        forum.awaitOne(MODERATOR, "Abuse report");
        assertTrue(outcomeOf(1).startsWith("DONE forwarded to postmaster"), outcomeOf(1));
    }

    @Test
    void aListCanRejectNonMembersWhileTheForumHoldsThem() throws Exception {
        forum = ForumFixture.start(dir);
        forum.admin().setNonMember("strategies-es", Optional.of(NonMemberAction.REJECT));
        forum.post(OUTSIDER, "strategies-es", "Hola", "Hola a todos");
        forum.settle();
        assertTrue(outcomeOf(1).startsWith("DONE rejected: not-member"), outcomeOf(1));
        forum.post(OUTSIDER, "strategies-fr", "Bonjour", "Bonjour");
        forum.awaitOne(MODERATOR, "Held for moderation");
        assertEquals(1, forum.admin().held(Optional.empty()).size());
    }

    @Test
    void aMessageThatAlreadyWentThroughOneOfOurListsIsNotDistributedAgain() throws Exception {
        forum = ForumFixture.start(dir);
        String looped = "List-Id: \"National IP strategies (en)\" <strategies-en.forum.test>\r\n"
                + message(JOHN, list("strategies-fr"), "Looped", "<loop-1@client.test>", "round and round");
        assertEquals(250, forum.send(JOHN, list("strategies-fr"), looped).code());
        forum.settle();
        assertTrue(forum.inbox(AMINATA).isEmpty());
        assertTrue(forum.inbox(MODERATOR).isEmpty());
        assertTrue(outcomeOf(1).startsWith("DONE discarded: loop"), outcomeOf(1));
    }

    @Test
    void anAutoReplyToTheListIsNotDistributedNorAnswered() throws Exception {
        forum = ForumFixture.start(dir);
        String vacation = "Auto-Submitted: auto-replied\r\n"
                + message(CLAIRE, list("strategies-fr"), "Absence", "<ooo-1@client.test>", "Je suis absente.");
        forum.send(CLAIRE, list("strategies-fr"), vacation);
        forum.settle();
        assertTrue(forum.inbox(AMINATA).isEmpty());
        assertTrue(forum.inbox(CLAIRE).isEmpty());
        assertTrue(outcomeOf(1).startsWith("DONE discarded: automatic"), outcomeOf(1));
    }

    /** Sends one post to the French list twice: again once the first has reached who, with that subject. */
    private void sendTwice(String from, String subject, String messageId, String who, String awaited) throws Exception {
        String post = message(from, list("strategies-fr"), subject, messageId, "deux envois");
        forum.send(from, list("strategies-fr"), post);
        forum.awaitOne(who, awaited);
        forum.send(from, list("strategies-fr"), post);
        forum.settle();
    }

    @Test
    void theSameMessageIdTwiceIsDistributedOnce() throws Exception {
        forum = ForumFixture.start(dir);
        sendTwice(CLAIRE, "Une fois", "<dup-1@client.test>", AMINATA, "Une fois");
        assertEquals(1, forum.inbox(AMINATA).size());
        assertTrue(outcomeOf(2).startsWith("DONE discarded: duplicate"), outcomeOf(2));
    }

    @Test
    void theSameMessageIdTwiceWhileTheFirstWaitsForItsModeratorIsHeldOnce() throws Exception {
        forum = ForumFixture.start(dir);
        sendTwice(OUTSIDER, "Deux fois", "<dup-2@client.test>", MODERATOR, "Held for moderation");
        assertEquals(1, forum.admin().held(Optional.empty()).size());
        assertTrue(outcomeOf(2).startsWith("DONE discarded: duplicate"), outcomeOf(2));
        assertEquals(1, forum.inbox(MODERATOR).size(), "one notice, for the first");
    }

    @Test
    void theListenerRefusesAddressesThatAreNotOursAndDoesNotRelay() throws Exception {
        forum = ForumFixture.start(dir);
        SmtpReply unknown = forum.send(JEAN, "no-such-list@forum.test", "Subject: x\r\n\r\nx\r\n");
        assertEquals(550, unknown.code());
        SmtpReply relay = forum.send(JEAN, "victim@elsewhere.test", "Subject: x\r\n\r\nx\r\n");
        assertEquals(550, relay.code());
        assertTrue(relay.text().contains("relay denied"));
    }

    @Test
    void aMessageOverTheHardLimitIsRefusedBeforeItIsStored() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.inbound.max-message-bytes", "20000"));
        String big = message(CLAIRE, list("strategies-fr"), "Big", "<big@client.test>", "x".repeat(30000));
        SmtpReply reply = forum.send(CLAIRE, list("strategies-fr"), big);
        assertEquals(552, reply.code());
        assertEquals(0, (long) forum.forum.store().read(tx -> tx.arrivals().waiting(10).size()));
    }

    @Test
    void aPostOverTheListLimitIsHeldWithThatReason() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.moderation.max-post-bytes", "5000"));
        forum.post(CLAIRE, "strategies-fr", "Rapport complet", "x".repeat(8000));
        forum.awaitOne(MODERATOR, "Held for moderation");
        assertEquals("too-big", forum.admin().held(Optional.empty()).get(0).reasons());
    }

    @Test
    void helpToTheRequestAddressIsAnsweredInTheLanguageOfTheCommand() throws Exception {
        forum = ForumFixture.start(dir);
        forum.send(JOHN, "strategies-en-request@forum.test",
                message(JOHN, "strategies-en-request@forum.test", "ayuda", "<help-1@client.test>", ""));
        MimeMessage help = forum.awaitOne(JOHN, "Ayuda");
        assertTrue(((String) help.getContent()).contains("strategies-en@forum.test"));
    }

    @Test
    void mailToTheOwnerAddressReachesTheModerators() throws Exception {
        forum = ForumFixture.start(dir);
        forum.send(JEAN, "strategies-fr-owner@forum.test",
                message(JEAN, "strategies-fr-owner@forum.test", "Question aux modérateurs", "<own-1@client.test>", "Bonjour"));
        forum.awaitOne(MODERATOR, "Question aux modérateurs");
    }

    @Test
    void anLmtpPeerGetsOneReplyPerRecipientAfterTheData() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.inbound.protocol", "lmtp"));
        String post = message(JOHN, list("strategies-en"), "Cross-post", "<cross@client.test>", "to two lists");
        try (SmtpSubmission lmtp = SmtpSubmission.connect("127.0.0.1", forum.server.smtpPort(), true)) {
            List<SmtpReply> replies = lmtp.send(JOHN,
                    List.of(list("strategies-en"), list("strategies-es"), "nobody@forum.test"),
                    post.getBytes(StandardCharsets.UTF_8));
            assertEquals(2, replies.size());
            assertTrue(replies.stream().allMatch(SmtpReply::ok));
        }
        forum.awaitOne(JOHN, "[strategies-en] Cross-post");
        forum.awaitOne(MODERATOR, "Held for moderation"); // John is not on the Spanish list
    }

    @Test
    void theLogNamesLmtpWhenTheListenerSpeaksLmtp() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.inbound.protocol", "lmtp"));
        String post = message(JOHN, list("strategies-en"), "Hello", "<lmtp-log@client.test>", "x");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (SmtpSubmission lmtp = SmtpSubmission.connect("127.0.0.1", forum.server.smtpPort(), true)) {
            lmtp.send(JOHN, List.of(list("strategies-en"), "nobody@forum.test"), post.getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("lmtp refused recipient rcpt=nobody@forum.test"), text);
        assertFalse(text.contains("smtp refused"), text);
    }

    private String outcomeOf(long arrival) {
        return forum.forum.store().read(tx -> tx.arrivals().outcome(arrival)).orElse("none");
    }
}
