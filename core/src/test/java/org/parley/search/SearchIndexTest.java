package org.parley.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.archive.Archive;
import org.parley.config.SettingsLoader;
import org.parley.inbound.PostParser;
import org.parley.model.ArchivedMessage;
import org.parley.model.ForumList;
import org.parley.model.Room;
import org.parley.store.Store;
import org.parley.testing.MutableClock;
import org.parley.testing.TestStores;

/** The index against a real store: each language read as its own, and nothing found outside the lists searched. */
class SearchIndexTest {
    private static final List<String> LANGUAGES = List.of("en", "fr", "es", "ru", "ar", "zh");
    @TempDir
    Path dir;
    Store store;
    SearchIndex index;
    Archive archive;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    final PostParser parser = new PostParser("forum.test");
    int n;

    @BeforeEach
    void open() {
        store = Store.open(TestStores.in(SettingsLoader.defaults().set("parley.data-dir", dir.toString()), dir).load());
        store.run(tx -> {
            tx.rooms().create(new Room("patents", "Patents"), LANGUAGES, Map.of(), clock.instant());
            tx.rooms().create(new Room("secret", "Secret"), List.of("fr"), Map.of(), clock.instant());
        });
        index = new SearchIndex(dir.resolve("search"), store, clock);
        archive = new Archive(clock, index);
    }

    @AfterEach
    void close() {
        index.close();
        store.close();
    }

    private ForumList list(String name) {
        return store.read(tx -> tx.rooms().list(name)).orElseThrow();
    }

    private ArchivedMessage post(String list, String from, String subject, String body, String extra) {
        String raw = "From: " + from + "\r\nSubject: " + subject + "\r\nMessage-ID: <m" + (++n) + "@x.test>\r\n"
                + (extra.contains("Content-Type") ? "" : "Content-Type: text/plain; charset=utf-8\r\n") + extra
                + "\r\n" + body + "\r\n";
        clock.advance(Duration.ofMinutes(1));
        ForumList into = list(list);
        return store.write(tx -> archive.add(tx, 0, parser.parse(raw.getBytes(StandardCharsets.UTF_8)), into));
    }

    private static List<SearchQuery.Scope> scopes(String... lists) {
        List<SearchQuery.Scope> out = new ArrayList<>();
        for (String list : lists) {
            out.add(new SearchQuery.Scope(list, list.substring(list.lastIndexOf('-') + 1)));
        }
        return out;
    }

    private List<Long> find(String words, String... lists) {
        return index.search(SearchQuery.of(words, scopes(lists))).ids();
    }

    @Test
    void aPastedParagraphSearchesItsFirst32WordsAndATildeIsAWordsEnd() {
        ArchivedMessage post = post("patents-en", "b@uk.test", "Backlogs", "Patent examination backlogs grow.", "");
        String paragraph = "patent backlogs " + "grow ".repeat(30) + "unheard ".repeat(400);
        assertTrue(SearchQuery.cut(paragraph));
        assertFalse(SearchQuery.cut("patent backlogs grow"));
        List<String> scopes = List.of("patents-en", "patents-fr", "patents-es", "patents-ru", "patents-ar", "patents-zh");
        assertEquals(List.of(post.id()), find(paragraph, scopes.toArray(String[]::new)),
                "432 words on six languages' fields: past Lucene's 1,024 clauses had it not been cut");
        assertEquals(List.of(post.id()), find("backlog~ patent~", "patents-en"), "no fuzzy expansion: a tilde ends the word");
    }

    @Test
    void aNodeServingSearchesFollowsWhatAnotherNodeArchivesAndErases() {
        SearchIndex other = new SearchIndex(dir.resolve("other-node"), store, clock);
        try {
            SearchQuery backlog = SearchQuery.of("backlog", scopes("patents-en"));
            assertEquals(List.of(), other.search(backlog).ids());
            Instant start = clock.instant();
            ArchivedMessage post = post("patents-en", "b@uk.test", "Backlogs", "Patent examination backlogs grow.", "");
            assertEquals(List.of(post.id()), find("backlog", "patents-en"), "the archiving node has it at once");
            assertEquals(List.of(), other.search(backlog).ids(), "the other node has not looked yet");
            assertEquals(0, other.follow(start.minusSeconds(1), start), "a post archived after the moment waits");
            assertEquals(1, other.follow(clock.instant(), start));
            assertEquals(List.of(post.id()), other.search(backlog).ids());
            assertEquals(0, other.follow(clock.instant(), start), "nothing new: nothing done");

            clock.advance(Duration.ofMinutes(1));
            Instant erasedFrom = clock.instant();
            store.run(tx -> tx.archive().erase(post, clock.instant(), "admin@forum.test", "asked"));
            index.delete(post.id());
            assertEquals(1, other.follow(clock.instant(), erasedFrom));
            assertEquals(List.of(), other.search(backlog).ids(), "an erasure on one node leaves every index");
            assertEquals(0, other.follow(clock.instant(), erasedFrom), "an erasure already taken in is not counted again");
            assertEquals(0, index.follow(clock.instant(), erasedFrom), "nor on the node that erased it");
        } finally {
            other.close();
        }
    }

    @Test
    void anErasedPostsWordsLeaveTheIndexFilesThoughASearchIsReadingThem() throws Exception {
        ArchivedMessage secret = post("patents-fr", "a@fr.test", "Coffre", "Le code est ultramarine.", "");
        ArchivedMessage other = post("patents-fr", "a@fr.test", "Réponse", "Une réponse sans secret.", "");
        assertEquals(List.of(secret.id()), find("ultramarine", "patents-fr"));
        // A member's search under way while the post is erased keeps the index's files open.
        IndexSearcher underWay = index.acquire(true);
        try {
            store.run(tx -> tx.archive().erase(secret, clock.instant(), "admin@forum.test", "asked"));
            index.delete(secret.id());
            index.purgeDeleted();
            assertEquals(List.of(), filesHolding("ultramarin"), "no file of the index holds a word of it");
            assertEquals(2, underWay.getIndexReader().numDocs(), "the search under way reads on");
        } finally {
            underWay.getIndexReader().decRef();
        }
        assertEquals(List.of(), find("ultramarine", "patents-fr"));
        assertEquals(List.of(other.id()), find("réponse", "patents-fr"), "the rest is found, in the index opened again");
        post("patents-fr", "b@fr.test", "Suite", "Une suite après l'effacement.", "");
        assertEquals(1, find("effacement", "patents-fr").size(), "and it takes new posts");
    }

    private List<Path> filesHolding(String word) throws IOException {
        index.commit();
        try (Stream<Path> files = Files.list(dir.resolve("search"))) {
            List<Path> out = new ArrayList<>();
            for (Path f : files.toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(word)) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    @Test
    void aPostCommittedAfterAHigherOneIsStillFollowed() {
        SearchIndex other = new SearchIndex(dir.resolve("other-node"), store, clock);
        try {
            Instant start = clock.instant();
            ArchivedMessage early = post("patents-en", "b@uk.test", "Backlogs", "Patent examination backlogs grow.", "");
            ArchivedMessage late = post("patents-en", "c@uk.test", "Fees", "Renewal fees rise next year.", "");
            other.follow(clock.instant(), start);
            // As if the lower id had committed on its node only after the other node saw the higher one.
            other.delete(early.id());
            assertEquals(List.of(), other.search(SearchQuery.of("backlog", scopes("patents-en"))).ids());
            assertEquals(1, other.follow(clock.instant(), start), "the missing lower id is found though no newer post came");
            assertEquals(List.of(early.id()), other.search(SearchQuery.of("backlog", scopes("patents-en"))).ids());
            assertEquals(List.of(late.id()), other.search(SearchQuery.of("fees", scopes("patents-en"))).ids());
        } finally {
            other.close();
        }
    }

    @Test
    void eachLanguageIsReadAsItsOwn() {
        long fr = post("patents-fr", "a@fr.test", "Examen des brevets", "La propriété intellectuelle et l'examen des demandes.", "").id();
        long en = post("patents-en", "b@uk.test", "Backlogs", "Patent examination backlogs are growing.", "").id();
        long es = post("patents-es", "c@es.test", "Patentes", "La tramitación de solicitudes de patentes.", "").id();
        long ru = post("patents-ru", "d@ru.test", "Патенты", "Экспертиза патентных заявок занимает годы.", "").id();
        long ar = post("patents-ar", "e@eg.test", "براءات", "فحص طلبات البراءات يستغرق وقتا طويلا", "").id();
        long zh = post("patents-zh", "f@cn.test", "专利", "专利审查积压问题日益严重。", "").id();
        String[] all = {"patents-en", "patents-fr", "patents-es", "patents-ru", "patents-ar", "patents-zh"};
        assertEquals(List.of(fr), find("propriete", all), "accents folded");
        assertEquals(List.of(fr), find("propriété", all));
        assertEquals(List.of(fr), find("examen", all), "elision: l'examen");
        assertEquals(List.of(en), find("examinations backlog", all), "English stems");
        assertEquals(List.of(es), find("tramitacion", all));
        assertEquals(List.of(ru), find("экспертизы", all), "Russian stems");
        assertEquals(List.of(ar), find("البراءات", all));
        assertEquals(List.of(zh), find("专利审查", all), "Chinese cut into words");
        assertEquals(List.of(), find("propriete", "patents-en"), "only the lists searched");
    }

    @Test
    void phrasesPrefixesAndExclusionsAsPeopleTypeThem() {
        long a = post("patents-en", "a@uk.test", "One", "The examination backlog is long.", "").id();
        long b = post("patents-en", "b@uk.test", "Two", "A long examination of the backlog.", "").id();
        assertEquals(Set.of(a, b), Set.copyOf(find("backlog", "patents-en")));
        assertEquals(List.of(a), find("\"examination backlog\"", "patents-en"));
        assertEquals(Set.of(a, b), Set.copyOf(find("exam*", "patents-en")));
        assertEquals(List.of(b), find("backlog -\"examination backlog\"", "patents-en"));
        assertEquals(List.of(), find("\"unbalanced (quote", "patents-en"), "a stray quote finds, never fails");
        assertEquals(List.of(), find("   ", "patents-en"));
    }

    @Test
    void countsAndHitsNeverReachAListOrThreadNotSearched() {
        post("secret-fr", "a@fr.test", "Confidentiel", "Position sur les brevets", "");
        ArchivedMessage open = post("patents-fr", "b@fr.test", "Ouvert", "Position sur les brevets", "");
        Found found = index.search(SearchQuery.of("brevets", scopes("patents-fr")));
        assertEquals(1, found.total());
        assertEquals(List.of(open.id()), found.ids());
        SearchQuery guest = new SearchQuery("brevets", scopes("patents-fr", "secret-fr"), Optional.of(Set.of(-1L)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, false, 1, 20);
        assertEquals(0, index.search(guest).total(), "a guest finds only their discussion's threads");
    }

    @Test
    void filtersByDelegationAuthorDateAndFiles() {
        long plain = post("patents-en", "a@uk.test", "Plain", "backlog summary", "").id();
        clock.advance(Duration.ofDays(2));
        long withFile = post("patents-en", "b@uk.test", "With file", "--b\r\nContent-Type: text/plain\r\n\r\nbacklog\r\n"
                + "--b\r\nContent-Type: application/pdf; name=report.pdf\r\nContent-Disposition: attachment;"
                + " filename=report.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--",
                "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n").id();
        assertEquals(List.of(withFile), index.search(new SearchQuery("backlog", scopes("patents-en"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, false, 1, 20))
                .ids(), "only posts with files");
        assertEquals(List.of(withFile), find("report", "patents-en"), "file names are found");
        SearchQuery base = SearchQuery.of("backlog", scopes("patents-en"));
        assertEquals(List.of(plain), index.search(new SearchQuery("backlog", base.lists(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("A@UK.test"), Optional.empty(), Optional.empty(), false, false, 1, 20)).ids());
        assertEquals(List.of(withFile, plain), index.search(new SearchQuery("backlog", base.lists(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, true, 1, 20))
                .ids(), "newest first");
        assertEquals(1, index.search(new SearchQuery("backlog", base.lists(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, true, 2, 1)).ids().size(),
                "the second page of one");
    }

    @Test
    void theAuthorsOwnWordsWeighMoreThanWhatTheyQuote() {
        long quoting = post("patents-en", "a@uk.test", "Re: x", "I agree.\n\n> The backlog is the problem.", "").id();
        long own = post("patents-en", "b@uk.test", "y", "The backlog is the problem.", "").id();
        assertEquals(List.of(own, quoting), find("backlog", "patents-en"));
        String[] parts = SearchIndex.ownAndQuoted("Yes.\nOn Monday, Ann wrote:\n> no\nmore");
        assertEquals("Yes.\n", parts[0]);
        assertTrue(parts[1].contains("> no"), parts[1]);
        assertEquals("Thanks.\n", SearchIndex.ownAndQuoted("Thanks.\n-- \nAnn, Patent Office")[0], "a signature weighs less");
    }

    @Test
    void anExcerptMarksTheWordsFound() {
        post("patents-fr", "a@fr.test", "x", "Début. La propriété intellectuelle compte. Fin.", "");
        List<Excerpts.Part> parts = new Excerpts(index).of("propriete", "fr", "Début. La propriété intellectuelle compte. Fin.");
        assertTrue(parts.contains(new Excerpts.Part("propriété", true)), parts.toString());
    }

    @Test
    void whatACrashLostIsCaughtUpAndAReindexRebuildsFromTheStore() {
        long first = post("patents-en", "a@uk.test", "One", "backlog", "").id();
        index.close();
        // A post archived while the index was not there (a crash between the commit and the index).
        SearchIndex absent = new SearchIndex(dir.resolve("elsewhere"), store, clock);
        Archive without = new Archive(clock, absent);
        String raw = "From: b@uk.test\r\nSubject: Two\r\nMessage-ID: <late@x.test>\r\n\r\nbacklog again\r\n";
        ForumList en = list("patents-en");
        long late = store.write(tx -> without.add(tx, 0, parser.parse(raw.getBytes(StandardCharsets.UTF_8)), en)).id();
        absent.close();
        index = new SearchIndex(dir.resolve("search"), store, clock);
        assertEquals(Set.of(first, late), Set.copyOf(find("backlog", "patents-en")));
        assertEquals(2, index.reindex(done -> { }));
        assertEquals(2, index.size());
    }
}
