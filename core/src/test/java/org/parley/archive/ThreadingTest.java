package org.parley.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.SettingsLoader;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;
import org.parley.model.ArchivedMessage;
import org.parley.model.ForumList;
import org.parley.model.Room;
import org.parley.model.ThreadSummary;
import org.parley.search.SearchIndex;
import org.parley.store.Store;
import org.parley.testing.MutableClock;
import org.parley.testing.TestData;
import org.parley.testing.TestStores;

/** JWZ threading at archive time, against a real store. */
class ThreadingTest {
    private static final ForumList LIST = new ForumList("strategies-fr", "strategies", "fr", "Strategies");
    @TempDir
    Path dir;
    Store store;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    SearchIndex index;
    Archive archive;
    final PostParser parser = new PostParser("forum.test");

    @BeforeEach
    void open() {
        store = Store.open(TestStores.in(SettingsLoader.defaults().set("parley.data-dir", dir.toString()), dir).load());
        index = new SearchIndex(dir.resolve("search"), store, clock);
        archive = new Archive(clock, index);
        store.run(tx -> tx.rooms().create(new Room("strategies", "Strategies"), List.of("fr"), Map.of(), clock.instant()));
    }

    @AfterEach
    void close() {
        index.close();
        store.close();
    }

    private ArchivedMessage file(String id, String subject, String inReplyTo, String references, String extra) {
        return file("a@b.test", id, subject, inReplyTo, references, extra);
    }

    private ArchivedMessage file(String from, String id, String subject, String inReplyTo, String references,
                                 String extra) {
        String raw = "From: " + from + "\r\nSubject: " + subject + "\r\nMessage-ID: " + id + "\r\n"
                + (inReplyTo.isEmpty() ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                + (references.isEmpty() ? "" : "References: " + references + "\r\n") + extra + "\r\nbody\r\n";
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        Post post = parser.parse(bytes);
        clock.advance(Duration.ofMinutes(1));
        return store.write(tx -> archive.add(tx, 0, post, LIST));
    }

    private long threads() {
        return store.read(tx -> tx.archive().threadCount(LIST.name(), Optional.empty()));
    }

    /** The messages of MimeKit's content-length mbox (Netscape's 1996 test mail, JWZ's among them). */
    private static List<byte[]> mbox() throws Exception {
        Path folder = TestData.corpus().resolve("mimekit/mbox");
        byte[] mbox = Files.readAllBytes(folder.resolve("content-length.mbox.txt"));
        String offsets = Files.readString(folder.resolve("content-length.unix-offsets.json"));
        var m = Pattern.compile("\"mboxMarkerOffset\": \\d+,\\s*\"lineNumber\": \\d+,\\s*"
                + "\"beginOffset\": (\\d+),\\s*\"headersEndOffset\": \\d+,\\s*\"endOffset\": (\\d+)").matcher(offsets);
        List<byte[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(Arrays.copyOfRange(mbox, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        return out;
    }

    /** Which messages share a thread, as sets of Message-IDs, whatever the thread ids are. */
    private Set<Set<String>> partition() {
        Map<Long, Set<String>> byThread = new HashMap<>();
        for (ThreadSummary t : store.read(tx -> tx.archive().threads(LIST.name(), Optional.empty(), 0, 1000))) {
            for (ArchivedMessage m : store.read(tx -> tx.archive().messagesOf(t.id()))) {
                byThread.computeIfAbsent(t.id(), k -> new TreeSet<>()).add(m.messageId());
            }
        }
        return new HashSet<>(byThread.values());
    }

    @Test
    void aRealMailboxThreadsTheSameWhetherItArrivesInOrderOrBackwards() throws Exception {
        List<byte[]> messages = mbox();
        assertEquals(29, messages.size());
        for (byte[] raw : messages) {
            Post post = parser.parse(raw);
            store.run(tx -> archive.add(tx, 0, post, LIST));
        }
        var forwards = partition();
        assertEquals(29, forwards.stream().mapToInt(Set::size).sum());
        store.close();
        Path other = dir.resolve("backwards");
        store = Store.open(TestStores.in(SettingsLoader.defaults().set("parley.data-dir", other.toString()), other).load());
        store.run(tx -> tx.rooms().create(new Room("strategies", "Strategies"), List.of("fr"), Map.of(), clock.instant()));
        for (int i = messages.size() - 1; i >= 0; i--) {
            byte[] raw = messages.get(i);
            Post post = parser.parse(raw);
            store.run(tx -> archive.add(tx, 0, post, LIST));
        }
        assertEquals(forwards, partition());
    }

    @Test
    void aReplyThatArrivesBeforeItsParentIsPlacedUnderItWhenItArrives() {
        ArchivedMessage reply = file("<b@x>", "Re: Budget", "<a@x>", "<a@x>", "");
        ArchivedMessage parent = file("<a@x>", "Budget", "", "", "");
        assertEquals(reply.threadId(), parent.threadId());
        List<ThreadTree.Node> tree = ThreadTree.build(store.read(tx -> tx.archive().messagesOf(parent.threadId())));
        assertEquals(2, tree.size());
        assertEquals(1, threads());
    }

    @Test
    void aFirstPostJoinsTheRepliesThatArrivedBeforeItButNotAnotherFirstPostWithItsSubject() {
        ArchivedMessage reply = file("<r@x>", "Re: Agenda", "", "", "");
        ArchivedMessage root = file("<a@x>", "Agenda", "", "", "");
        assertEquals(reply.threadId(), root.threadId());
        ArchivedMessage other = file("<o@x>", "Agenda", "", "", "");
        assertNotEquals(root.threadId(), other.threadId());
    }

    @Test
    void repliesToAMessageWeNeverSawJoinOneThread() {
        ArchivedMessage one = file("<b@x>", "Re: Unseen", "<never@x>", "<never@x>", "");
        ArchivedMessage two = file("<c@x>", "Other words", "<never@x>", "<never@x>", "");
        assertEquals(one.threadId(), two.threadId());
    }

    @Test
    void brokenReferencesStillFindTheThreadThroughAnyKnownAncestor() {
        ArchivedMessage root = file("<a@x>", "Plan", "", "", "");
        ArchivedMessage reply = file("<c@x>", "Re: Plan", "", "<lost@x> <a@x> <gone@x>", "");
        assertEquals(root.threadId(), reply.threadId());
        List<ThreadTree.Node> tree = ThreadTree.build(store.read(tx -> tx.archive().messagesOf(root.threadId())));
        assertEquals(1, tree.get(1).depth());
    }

    @Test
    void subjectsWithLocalisedPrefixesAndTheListTagFallBackToTheirThread() {
        ArchivedMessage root = file("<a@x>", "[strategies-fr] Budget 2027", "", "", "");
        for (String subject : List.of("RE: [strategies-fr] Budget 2027", "TR: Budget 2027", "RV: Budget 2027",
                "=?UTF-8?Q?R=C3=A9f._:_Budget_2027?=", "AW: Antw: budget 2027")) {
            assertEquals(root.threadId(), file("<" + subject.hashCode() + "@x>", subject, "", "", "").threadId(), subject);
        }
        assertNotEquals(root.threadId(), file("<new@x>", "Budget 2028", "", "", "").threadId());
        assertEquals(2, threads());
    }

    @Test
    void outlookRepliesWithOnlyAThreadIndexJoinTheirConversation() {
        byte[] index = new byte[22];
        index[5] = 42;
        byte[] reply = Arrays.copyOf(index, 27);
        reply[25] = 7;
        ArchivedMessage first = file("<a@x>", "Réunion", "", "",
                "Thread-Index: " + Base64.getEncoder().encodeToString(index) + "\r\n");
        ArchivedMessage second = file("<b@x>", "Compte rendu", "", "",
                "Thread-Index: " + Base64.getEncoder().encodeToString(reply) + "\r\n");
        assertEquals(first.threadId(), second.threadId());
    }

    @Test
    void aThreadsFirstPostIsItsSummaryWithItsSubjectClippedAsTheMessagesIs() {
        String subject = "Long ".repeat(300).trim();
        ArchivedMessage first = file("<first@x>", subject, "", "", "Date: Tue, 24 Nov 2026 08:30:00 +0000\r\n");
        ThreadSummary summary = store.read(tx -> tx.archive().thread(first.threadId())).orElseThrow();
        assertEquals(1, summary.messages());
        assertEquals(1, summary.participants());
        assertEquals("a@b.test", summary.starter());
        assertEquals(first.subject(), summary.subject());
        assertEquals(998, summary.subject().length());
        assertEquals(Instant.parse("2026-11-24T08:30:00Z"), summary.startedAt());
        assertEquals(first.archivedAt(), summary.lastAt());
        ArchivedMessage second = file("<second@x>", "Re: " + subject, "<first@x>", "<first@x>", "");
        summary = store.read(tx -> tx.archive().thread(first.threadId())).orElseThrow();
        assertEquals(2, summary.messages());
        assertEquals(1, summary.participants());
        assertEquals(second.archivedAt(), summary.lastAt());
        ArchivedMessage third = file("c@d.test", "<third@x>", "Re: " + subject, "<second@x>",
                "<first@x> <second@x>", "");
        summary = store.read(tx -> tx.archive().thread(first.threadId())).orElseThrow();
        assertEquals(3, summary.messages());
        assertEquals(2, summary.participants());
        assertEquals(third.archivedAt(), summary.lastAt());
        assertEquals("a@b.test", summary.starter());
    }

    /** A post that joins a thread dated before its first post becomes the thread's first. */
    @Test
    void aParentThatArrivesAfterItsReplyBecomesTheThreadsFirstPost() {
        file("c@d.test", "<b@x>", "Re: Budget", "<a@x>", "<a@x>", "Date: Tue, 24 Nov 2026 09:00:00 +0000\r\n");
        ArchivedMessage parent = file("<a@x>", "Budget", "", "", "Date: Tue, 24 Nov 2026 08:30:00 +0000\r\n");
        ThreadSummary summary = store.read(tx -> tx.archive().thread(parent.threadId())).orElseThrow();
        assertEquals(2, summary.messages());
        assertEquals(2, summary.participants());
        assertEquals("Budget", summary.subject());
        assertEquals("a@b.test", summary.starter());
        assertEquals(Instant.parse("2026-11-24T08:30:00Z"), summary.startedAt());
        assertEquals(parent.archivedAt(), summary.lastAt());
    }

    @Test
    void aMessageThatLinksTwoThreadsMergesThem() {
        ArchivedMessage a = file("<a@x>", "Alpha", "", "", "");
        ArchivedMessage c = file("<c@x>", "Gamma", "<b@x>", "<b@x>", "");
        assertNotEquals(a.threadId(), c.threadId());
        assertEquals(2, threads());
        ArchivedMessage b = file("<b@x>", "Beta", "<a@x>", "<a@x>", "");
        assertEquals(1, threads());
        ThreadSummary summary = store.read(tx -> tx.archive().thread(b.threadId())).orElseThrow();
        assertEquals(3, summary.messages());
        assertEquals("Alpha", summary.subject());
        List<ThreadTree.Node> tree = ThreadTree.build(store.read(tx -> tx.archive().messagesOf(b.threadId())));
        assertEquals(List.of(0, 1, 2), tree.stream().map(ThreadTree.Node::depth).toList());
    }

    /**
     * Two nodes route a post and its reply at the same moment: the reply's transaction waits for
     * the post's to end before it threads, and joins its thread instead of starting one.
     */
    @Test
    void aReplyFiledWhileItsPostIsBeingFiledElsewhereJoinsItsThread() throws Exception {
        Post post = parser.parse("From: a@b.test\r\nSubject: Budget\r\nMessage-ID: <p@b.test>\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.UTF_8));
        Post reply = parser.parse(("From: c@d.test\r\nSubject: Re: Budget\r\nMessage-ID: <r@d.test>\r\n"
                + "In-Reply-To: <p@b.test>\r\nReferences: <p@b.test>\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.UTF_8));
        CountDownLatch postFiled = new CountDownLatch(1);
        CountDownLatch commitPost = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<ArchivedMessage> first = nodes.submit(() -> store.write(tx -> {
                ArchivedMessage filed = archive.add(tx, 0, post, LIST);
                postFiled.countDown();
                try {
                    commitPost.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return filed;
            }));
            assertTrue(postFiled.await(30, TimeUnit.SECONDS));
            Future<ArchivedMessage> second = nodes.submit(() -> store.write(tx -> archive.add(tx, 0, reply, LIST)));
            Thread.sleep(500); // the reply's transaction is at its threading by now
            commitPost.countDown();
            assertEquals(first.get(30, TimeUnit.SECONDS).threadId(), second.get(30, TimeUnit.SECONDS).threadId());
            assertEquals(1, threads());
        } finally {
            nodes.shutdownNow();
        }
    }
}
