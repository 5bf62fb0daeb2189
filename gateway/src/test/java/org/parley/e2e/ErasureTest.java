package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.FRENCH_MEMBERS;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.MODERATOR;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.Settings;
import org.parley.model.ArchivedMessage;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.HeldMessage;
import org.parley.model.ThreadSummary;
import org.parley.moderation.Action;
import org.parley.web.Passwords;

class ErasureTest {
    private static final String LOGIN = "correct horse battery";
    private static final String SECRET = "The vault code is ultramarine forty-two";

    @TempDir
    Path dir;
    ForumFixture forum;

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.web.base-url", "http://localhost"));
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
        Path index = dir.resolve("search");
        assertEquals(List.of(), filesHolding("ultramarin"), () -> "nor a word of it (as the index stems it); the index's files: "
                + folderListing(index));

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
            Path file = backup.resolve("db").resolve("service.properties");
            ForumFixture.Run ontoFile = forum.parley("", "backup", file.toString());
            assertEquals(2, ontoFile.code(), ontoFile.err());
            assertEquals("parley: the backup folder " + file + " is a file: name a new or empty folder\n", ontoFile.err());
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

    @Test
    void aMemberForgottenByTheCliWithTheirPostsIsFoundNowhereInTheDataFolder() throws Exception {
        ArchivedMessage post = postedAndAnswered();
        // A copy to Jean comes back: the bounce and the arrival's outcome name him too.
        MimeMessage copy = forum.awaitOne(JEAN, "[strategies-fr] Coffre");
        String returnPath = copy.getHeader("Return-Path")[0].replaceAll("[<>]", "");
        forum.send("", returnPath, "From: MAILER-DAEMON@mx.delegation-fr.test\r\nTo: " + returnPath
                + "\r\nSubject: Undelivered Mail\r\nMessage-ID: <bounce@mx.test>\r\nContent-Type: text/plain\r\n\r\n"
                + "550 5.1.1 mailbox unavailable\r\n");
        forum.settle();
        assertTrue(stored(JEAN).contains("BOUNCES.RECIPIENT") && stored(JEAN).contains("INBOUND.OUTCOME"),
                stored(JEAN).toString());
        forum.forum.search().commit();
        boolean derby = !forum.settings().dbUrl().startsWith("jdbc:postgresql:");
        if (derby) {
            assertFalse(filesHolding(JEAN).isEmpty(), "the address is in the data folder before");
        }
        ForumFixture.Run run = forum.parley("", "member", "forget", JEAN, "--erase-posts", "--reason", "left, asked");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("forgot " + JEAN + ": now former-member-"), run.out());
        assertTrue(run.out().contains("lists left: strategies-fr; posts erased: 2, kept as former member: 0"), run.out());

        assertTrue(forum.forum.store().read(tx -> tx.members().find(JEAN)).isEmpty());
        ArchivedMessage tombstone = forum.forum.store().read(tx -> tx.archive().byId(post.id())).orElseThrow();
        assertTrue(tombstone.erased().isPresent());
        assertEquals("Former member", tombstone.senderName());
        assertTrue(tombstone.sender().endsWith("@forgotten.invalid"), tombstone.sender());
        assertEquals(List.of(), stored(JEAN), "no row of the store names the address");
        if (derby) {
            assertEquals(List.of(), filesHolding(JEAN), "no file of the data folder holds the address");
            assertEquals(List.of(), filesHolding("Jean Dupont"), "nor the name");
        }

        ForumFixture.Run again = forum.parley("", "member", "forget", JEAN, "--reason", "twice");
        assertEquals(65, again.code());
        assertEquals("parley: no member " + JEAN + " (parley member list shows the members)\n", again.err());
        ForumFixture.Run noReason = forum.parley("", "member", "forget", "claire@delegation-fr.test");
        assertEquals(2, noReason.code());
        assertEquals(1, noReason.err().lines().count(), noReason.err());
        ForumFixture.Run notAnAddress = forum.parley("", "member", "forget", "claire", "--reason", "x");
        assertEquals(2, notAnAddress.code());
        assertEquals("parley: 'claire' is not an email address\n", notAnAddress.err());
    }

    @Test
    void aMemberAsksToEraseTheirPostAndToBeForgottenAndTheModeratorsDecide() throws Exception {
        ArchivedMessage post = postedAndAnswered();
        ArchivedMessage reply = forum.forum.store().read(tx -> tx.archive().withMessageId("<reply-1@client.test>")).get(0);
        for (String member : List.of(JEAN, MODERATOR, CLAIRE)) {
            forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(member).orElseThrow().id(),
                    Passwords.hash(LOGIN)));
        }
        WebClient jean = new WebClient(forum.server.webPort());
        jean.login(JEAN, LOGIN);
        String page = "/lists/strategies-fr/messages/" + post.hash();
        assertTrue(jean.get(page).body().contains("id=\"ask-erase\""), "the author may ask");
        WebClient claire = new WebClient(forum.server.webPort());
        claire.login(CLAIRE, LOGIN);
        assertFalse(claire.get(page).body().contains("id=\"ask-erase\""), "another member may not");
        assertEquals(404, claire.post(page + "/erase-request", Map.of("why", "mine")).statusCode());

        assertEquals(302, jean.post(page + "/erase-request", Map.of("why", "J'ai partagé un code par erreur.")).statusCode());
        MimeMessage asked = forum.awaitOne(MODERATOR, "the erasure of one of their posts");
        assertTrue(ForumFixture.text(asked).contains("Coffre") && ForumFixture.text(asked).contains(page)
                && ForumFixture.text(asked).contains("J'ai partagé un code par erreur."), ForumFixture.text(asked));
        forum.send(MODERATOR, Replies.replyAddress(asked), Replies.outlook(MODERATOR, asked, "approve"));
        forum.awaitOne(JEAN, "Acceptée");
        ArchivedMessage erased = forum.forum.store().read(tx -> tx.archive().byId(post.id())).orElseThrow();
        assertTrue(erased.erased().isPresent());
        assertEquals(0, forum.admin().search("ultramarine", Optional.empty(), Optional.empty(), 1).total());
        AuditEntry entry = forum.forum.store().read(tx -> tx.audit().recent(0, 20)).stream()
                .filter(a -> a.verdict().equals("erase")).findFirst().orElseThrow();
        assertEquals(MODERATOR, entry.actor());
        assertTrue(entry.reason().startsWith("asked by its author"), entry.reason());

        // Now to be forgotten, posts kept; the moderator decides on the web, keeping them.
        assertEquals(200, jean.post("/settings/forget", Map.of("why", "Je quitte mon poste.")).statusCode());
        MimeMessage forget = forum.awaitOne(MODERATOR, "to be forgotten");
        assertTrue(ForumFixture.text(forget).contains("Je quitte mon poste."), ForumFixture.text(forget));
        WebClient moderator = new WebClient(forum.server.webPort());
        moderator.login(MODERATOR, LOGIN);
        String requests = moderator.get("/discussions").body();
        assertTrue(requests.contains("name=\"erase_posts\""), "the moderator chooses whether the posts go");
        long id = forum.forum.store().read(tx -> tx.requests().pending(0, 10)).get(0).id();
        int had = forum.inbox(JEAN).size();
        assertEquals(302, moderator.post("/requests/" + id, Map.of("action", "accept", "choice", "1")).statusCode());
        forum.await(JEAN, had + 1); // the last notice to him, which he is told by
        forum.settle();

        assertEquals(302, jean.get("/").statusCode(), "signed out: the sessions are gone");
        ArchivedMessage kept = forum.forum.store().read(tx -> tx.archive().byId(reply.id())).orElseThrow();
        assertTrue(kept.erased().isEmpty(), "the reply is kept");
        assertEquals("Former member", kept.senderName());
        String replyPage = moderator.get("/lists/strategies-fr/messages/" + reply.hash()).body();
        assertTrue(replyPage.contains("Former member") && replyPage.contains("Une réponse sans secret")
                && !replyPage.contains("Jean Dupont"), replyPage);
        assertEquals(1, forum.admin().search("réponse", Optional.empty(), Optional.empty(), 1).total());
        String raw = new String(forum.forum.store().read(tx -> tx.arrivals().raw(kept.arrivalId())).orElseThrow(),
                StandardCharsets.UTF_8);
        assertTrue(raw.contains("From: Former member <former-member-") && !raw.contains(JEAN) && raw.contains("Une réponse sans secret"), raw);
        forum.clock.advance(Duration.ofMinutes(2));
        forum.forum.chores(); // drops the content of the last notice to Jean, once sent
        assertEquals(List.of(), stored(JEAN), "no row of the store names the address");
        assertEquals(List.of(), stored("Jean Dupont"), "nor the name");
        assertEquals(401, new WebClient(forum.server.webPort()).login(JEAN, LOGIN).statusCode());
    }

    /** Every column of every table of the store holding a text, as SQL reads it: where it is found. */
    private List<String> stored(String text) throws Exception {
        List<String> found = new ArrayList<>();
        Settings s = forum.settings();
        String url = s.dbUrl().isEmpty() ? "jdbc:derby:" + s.dataDir().resolve("db").toAbsolutePath() : s.dbUrl();
        try (Connection c = DriverManager.getConnection(url, s.dbUser(), s.dbPassword())) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet r = c.getMetaData().getColumns(null, c.getSchema() == null ? null : c.getSchema(), "%", "%")) {
                while (r.next()) {
                    int type = r.getInt("DATA_TYPE");
                    if (type == Types.VARCHAR || type == Types.CLOB || type == Types.BLOB || type == Types.BINARY
                            || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.LONGVARCHAR) {
                        columns.add(new String[] {r.getString("TABLE_NAME"), r.getString("COLUMN_NAME"), "" + type});
                    }
                }
            }
            byte[] needle = text.getBytes(StandardCharsets.UTF_8);
            for (String[] column : columns) {
                if (column[0].toLowerCase(Locale.ROOT).startsWith("flyway")) {
                    continue;
                }
                try (Statement st = c.createStatement();
                     ResultSet r = st.executeQuery("SELECT " + column[1] + " FROM " + column[0])) {
                    boolean binary = !column[2].equals("" + Types.VARCHAR) && !column[2].equals("" + Types.CLOB)
                            && !column[2].equals("" + Types.LONGVARCHAR);
                    while (r.next()) {
                        byte[] value = binary ? r.getBytes(1)
                                : r.getString(1) == null ? null : r.getString(1).getBytes(StandardCharsets.UTF_8);
                        if (value != null && new String(value, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                                .contains(new String(needle, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT))) {
                            found.add((column[0] + "." + column[1]).toUpperCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The files under the data folder whose bytes hold the text, in UTF-8. */
    private List<Path> filesHolding(String text) throws IOException {
        return filesHolding(dir, text);
    }

    private static String folderListing(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName() + " " + f.toFile().length()).sorted().toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
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
