package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.FRENCH_MEMBERS;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.PASSWORD;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.ArchivedMessage;
import org.parley.model.ThreadSummary;
import org.parley.web.Passwords;

/** A real list's mbox (MimeKit's test data: Netscape-era mail, MIT) in, out, and into another forum. */
class MboxTest {
    @TempDir
    Path dir;
    @TempDir
    Path other;
    @TempDir
    Path files;
    ForumFixture forum;

    @BeforeEach
    void start() throws Exception {
        // Plain http, as the web tests run it, so the session cookie is sent back.
        forum = ForumFixture.start(dir, loader -> loader.set("parley.web.base-url", "http://localhost"));
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private Path corpus() throws Exception {
        Path file = files.resolve("history.mbox");
        try (InputStream in = MboxTest.class.getResourceAsStream("/corpus/mimekit/mbox/content-length.mbox.txt")) {
            Files.copy(in, file);
        }
        // A short exchange after the real messages, to see replies threaded as live ones are.
        Files.writeString(file, "\nFrom jean@delegation-fr.test Tue Nov 24 10:00:00 2026\n"
                + ForumFixture.message(JEAN, "strategies-fr@forum.test", "Plan", "<plan@x.test>", "Le plan.")
                        .replace("\r\n", "\n")
                + "\nFrom jean@delegation-fr.test Tue Nov 24 11:00:00 2026\n"
                + ForumFixture.message(JEAN, "strategies-fr@forum.test", "Re: Plan", "<plan-2@x.test>", "Oui.")
                        .replace("\r\n", "\n").replace("Message-ID:", "In-Reply-To: <plan@x.test>\nMessage-ID:"),
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        return file;
    }

    /** Each thread of a list as the set of its Message-IDs. */
    private static Set<Set<String>> threads(ForumFixture f, String list) {
        return f.forum.store().read(tx -> {
            Set<Set<String>> out = new HashSet<>();
            for (ThreadSummary t : tx.archive().threads(list, Optional.empty(), 0, 1000)) {
                out.add(tx.archive().messagesOf(t.id()).stream().map(ArchivedMessage::messageId).collect(Collectors.toSet()));
            }
            return out;
        });
    }

    @Test
    void aListsHistoryComesInOnceThreadedAndDeliveredToNobodyAndGoesOutToAnotherForumWithTheSameThreads()
            throws Exception {
        Path mbox = corpus();
        ForumFixture.Run first = forum.parley("", "import", "mbox", "strategies-fr", mbox.toString(), "--no-progress");
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().startsWith("imported 31, already in the archive 0, unreadable 0"), first.out());
        ForumFixture.Run again = forum.parley("", "import", "mbox", "strategies-fr", mbox.toString(), "--no-progress");
        assertTrue(again.out().startsWith("imported 0, already in the archive 31, unreadable 0"), again.out());
        forum.settle();
        for (String member : FRENCH_MEMBERS) {
            assertTrue(forum.inbox(member).isEmpty(), "an import delivers nothing");
        }
        Set<Set<String>> before = threads(forum, "strategies-fr");
        assertTrue(before.contains(Set.of("<plan@x.test>", "<plan-2@x.test>")), "a reply joins its thread: " + before);
        assertEquals(30, before.size());
        ThreadSummary oldest = forum.forum.store().read(tx -> tx.archive().threads("strategies-fr", Optional.empty(), 0,
                1000)).stream().min((a, b) -> a.startedAt().compareTo(b.startedAt())).orElseThrow();
        assertTrue(oldest.startedAt().toString().startsWith("199"), "dated by the messages' own dates: " + oldest);

        ForumFixture.Run stats = forum.parley("", "stats", "--from", "1996-01-01", "--to", "1997-12-31", "--json");
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().startsWith("{\"from\": \"1996-01-01T00:00:00Z\""), stats.out());
        int posts = Integer.parseInt(stats.out().replaceAll("(?s).*\"posts\": (\\d+),.*", "$1"));
        assertTrue(posts > 0 && posts <= 29, "the imported posts counted in their own years: " + stats.out());
        ForumFixture.Run badDay = forum.parley("", "stats", "--from", "1996-13-01", "--to", "1997-12-31");
        assertEquals(2, badDay.code());
        assertEquals("parley: --from takes a day as YYYY-MM-DD, not 1996-13-01\n", badDay.err());

        Path out = files.resolve("export.mbox");
        ForumFixture.Run exported = forum.parley("", "export", "mbox", "strategies-fr", "-o", out.toString());
        assertEquals(0, exported.code(), exported.err());
        assertEquals("exported 31 posts of strategies-fr\n", exported.err());

        ForumFixture elsewhere = ForumFixture.start(other);
        try {
            ForumFixture.Run in = elsewhere.parley("", "import", "mbox", "strategies-fr", out.toString(), "--no-progress");
            assertTrue(in.out().startsWith("imported 31, already in the archive 0, unreadable 0"), in.out());
            assertEquals(before, threads(elsewhere, "strategies-fr"), "the same threads in the other forum");
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void aMemberDownloadsAThreadAndAMonthAsMbox() throws Exception {
        forum.parley("", "import", "mbox", "strategies-fr", corpus().toString(), "--no-progress");
        forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(JEAN).orElseThrow().id(),
                Passwords.hash(PASSWORD)));
        forum.acceptProtocol(JEAN);
        WebClient web = new WebClient(forum.server.webPort());
        web.login(JEAN, PASSWORD);
        ArchivedMessage reply = forum.forum.store().read(tx -> tx.archive().withMessageId(
                "<19960603164232.izzy@scr.atm.com>")).get(0);
        HttpResponse<String> threadPage = web.get("/lists/strategies-fr/threads/" + reply.threadId());
        assertTrue(threadPage.body().contains("/threads/" + reply.threadId() + "/mbox"), threadPage.statusCode() + " "
                + threadPage.body());
        HttpResponse<byte[]> thread = web.getBytes("/lists/strategies-fr/threads/" + reply.threadId() + "/mbox");
        assertEquals(200, thread.statusCode());
        assertEquals("application/mbox", thread.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(thread.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        String text = new String(thread.body(), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("From ") && text.contains("Message-ID: <19960603164232.izzy@scr.atm.com>"), text);
        String month = reply.sentAt().toString().substring(0, 7);
        HttpResponse<byte[]> monthly = web.getBytes("/lists/strategies-fr/mbox?month=" + month);
        assertEquals(200, monthly.statusCode());
        assertTrue(new String(monthly.body(), StandardCharsets.ISO_8859_1).contains("<19960603164232.izzy@scr.atm.com>"));
        assertEquals(404, web.getBytes("/lists/strategies-fr/mbox?month=1996-13").statusCode());
        assertEquals(404, web.getBytes("/lists/strategies-en/threads/" + reply.threadId() + "/mbox").statusCode(),
                "a thread is downloaded only through its own list");
    }
}
