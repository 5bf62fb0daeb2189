package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.FRENCH_MEMBERS;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.MODERATOR;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.ArchivedMessage;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.HeldMessage;
import org.parley.model.ThreadSummary;
import org.parley.moderation.Action;

class ErasureTest {
    private static final String SECRET = "The vault code is ultramarine forty-two";

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

    /** The post with the sentence: held, approved by a moderator's quoting reply, delivered, answered. */
    private ArchivedMessage postedAndAnswered() throws Exception {
        assertEquals(250, forum.send(JEAN, ForumFixture.list("strategies-fr"), ForumFixture.message(JEAN,
                ForumFixture.list("strategies-fr"), "Coffre", "<secret-1@client.test>",
                "Bonjour,\r\n" + SECRET + ".\r\nJean")).code());
        MimeMessage notice = forum.awaitOne(MODERATOR, "Held for moderation");
        forum.send(MODERATOR, Replies.replyAddress(notice), Replies.outlook(MODERATOR, notice, "Approve"));
        for (String member : FRENCH_MEMBERS) {
            forum.awaitOne(member, "[strategies-fr] Coffre");
        }
        assertEquals(250, forum.send(JEAN, ForumFixture.list("strategies-fr"), ForumFixture.message(JEAN,
                ForumFixture.list("strategies-fr"), "Re: Coffre", "<reply-1@client.test>",
                "Une réponse sans secret.\r\n").replace("Message-ID:", "In-Reply-To: <secret-1@client.test>\r\nMessage-ID:")).code());
        forum.settle();
        for (HeldMessage held : forum.admin().held(Optional.empty())) {
            forum.admin().decide(held.id(), Action.APPROVE, "", MODERATOR);
        }
        forum.settle();
        return forum.forum.store().read(tx -> tx.archive().withMessageId("<secret-1@client.test>")).get(0);
    }

    @Test
    void anErasedPostsSentenceIsFoundNowhereInTheDataFolderAndItsThreadKeepsItsShape() throws Exception {
        ArchivedMessage post = postedAndAnswered();
        forum.forum.search().commit();
        if (!forum.settings().dbUrl().startsWith("jdbc:postgresql:")) {
            assertFalse(filesHolding(SECRET).isEmpty(), "the sentence is in the data folder before the erasure");
        }
        assertEquals(1, forum.admin().search("ultramarine", Optional.empty(), Optional.empty(), 1).total());

        ForumFixture.Run run = forum.parley("", "erase", "secret-1@client.test", "--reason", "asked by the author");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("erased <secret-1@client.test> in strategies-fr"), run.out());
        assertTrue(run.out().contains("out of the forum's reach"), run.out());

        assertEquals(0, forum.admin().search("ultramarine", Optional.empty(), Optional.empty(), 1).total());
        assertEquals(List.of(), filesHolding(SECRET), "no file of the data folder holds the erased sentence");
        assertEquals(List.of(), filesHolding("ultramarin"), "nor a word of it (as the index stems it)");

        ArchivedMessage tombstone = forum.forum.store().read(tx -> tx.archive().byId(post.id())).orElseThrow();
        assertTrue(tombstone.erased().isPresent());
        assertEquals("", tombstone.subject());
        assertEquals(JEAN, tombstone.sender(), "the thread keeps who wrote and when");
        ThreadSummary thread = forum.forum.store().read(tx -> tx.archive().thread(post.threadId())).orElseThrow();
        assertEquals(2, thread.messages(), "the reply stays, in the same thread");
        assertEquals("", forum.forum.store().read(tx -> tx.archive().bodyText(post.id())).orElseThrow());
        assertEquals(0, forum.forum.store().read(tx -> tx.arrivals().raw(post.arrivalId())).orElseThrow().length);
        assertEquals(1, forum.admin().search("réponse", Optional.empty(), Optional.empty(), 1).total(),
                "the reply is still found");

        List<AuditEntry> audit = forum.forum.store().read(tx -> tx.audit().recent(0, 10));
        AuditEntry entry = audit.stream().filter(a -> a.verdict().equals("erase")).findFirst().orElseThrow();
        assertEquals("asked by the author", entry.reason());
        assertEquals(Channel.CLI, entry.channel());
        assertTrue(entry.actor().startsWith("cli:"));

        Path export = dir.resolveSibling(dir.getFileName() + "-export.mbox");
        assertEquals(0, forum.parley("", "export", "mbox", "strategies-fr", "-o", export.toString()).code());
        String exported = Files.readString(export, StandardCharsets.ISO_8859_1);
        assertTrue(exported.contains("<reply-1@client.test>") && !exported.contains("ultramarine"),
                "an export after the erasure has the reply and not the erased post");
        Files.delete(export);

        Path backup = dir.resolveSibling(dir.getFileName() + "-backup");
        ForumFixture.Run backedUp = forum.parley("", "backup", backup.toString());
        if (forum.settings().dbUrl().startsWith("jdbc:postgresql:")) {
            assertEquals(2, backedUp.code(), backedUp.err());
            assertTrue(backedUp.err().contains("pg_dump"), backedUp.err());
        } else {
            assertEquals(0, backedUp.code(), backedUp.err());
            assertTrue(backedUp.out().startsWith("backed up the store to " + backup.resolve("db")), backedUp.out());
            assertEquals(List.of(), filesHolding(backup, SECRET), "a backup made after the erasure does not hold it");
            assertFalse(filesHolding(backup, "réponse").isEmpty(), "but holds the rest");
            assertEquals(2, forum.parley("", "backup", backup.toString()).code(), "not into a folder that is not empty");
        }

        ForumFixture.Run again = forum.parley("", "erase", "<secret-1@client.test>", "--reason", "twice");
        assertEquals(65, again.code());
        assertEquals("parley: <secret-1@client.test> was erased already\n", again.err());
    }

    @Test
    void anUnknownPostOrAMissingReasonIsOneClearLine() {
        ForumFixture.Run unknown = forum.parley("", "erase", "<nobody@nowhere.test>", "--reason", "test");
        assertEquals(65, unknown.code());
        assertTrue(unknown.err().startsWith("parley: no archived post <nobody@nowhere.test>"), unknown.err());
        assertEquals(1, unknown.err().lines().count());
        ForumFixture.Run noReason = forum.parley("", "erase", "<nobody@nowhere.test>");
        assertEquals(2, noReason.code());
        assertEquals(1, noReason.err().lines().count(), noReason.err());
    }

    /** The files under the data folder whose bytes hold the text, in UTF-8. */
    private List<Path> filesHolding(String text) throws IOException {
        return filesHolding(dir, text);
    }

    private static List<Path> filesHolding(Path folder, String text) throws IOException {
        // Bytes read as ISO-8859-1 are one char each, so a byte string is found as a string.
        String needle = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(needle);
                } catch (IOException e) {
                    return false; // removed while walking
                }
            }).toList();
        }
    }
}
