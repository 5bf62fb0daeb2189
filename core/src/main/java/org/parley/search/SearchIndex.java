package org.parley.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.parley.inbound.Quotes;
import org.parley.model.ArchivedMessage;
import org.parley.model.Attachment;
import org.parley.model.ForumList;
import org.parley.store.Store;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's full-text index (Lucene), in the data folder. A post is added when the
 * transaction that archives it commits, and is searchable at the next search (near real
 * time); the index is committed to disk every few seconds and on close. What a crash loses
 * is caught up from the store when the index is next opened: the last commit records the
 * highest archive id it holds, and everything after it (with a margin for ids committed out
 * of order) is added again, which changes nothing for what is already there.
 *
 * <p>Opened on first use, so commands that never search never take the index's lock.
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    private static final String UP_TO = "parley.archive-up-to";
    /** Ids may commit out of order across workers: this many before the recorded highest are redone. */
    private static final long MARGIN = 1_000;
    /** Following other nodes, ids this far below the highest held are looked at again. */
    private static final long FOLLOW_MARGIN = 100;
    private static final int BATCH = 500;
    private static final long COMMIT_EVERY_MILLIS = 5_000;
    private static final int COUNT_EXACTLY = 1_000;

    /** A post as the index takes it: its archive row, its list, its text and the names of its files. */
    public record Entry(ArchivedMessage message, ForumList list, String text, List<String> files) {
    }

    private final Path folder;
    private final Store store;
    private final Clock clock;
    private final Analyzers analyzers = new Analyzers();
    private final Object rebuild = new Object();
    /** Posts are analysed and added on a thread of their own, off the routing thread. */
    private final Backlog backlog = new Backlog("search-index", 256);
    /** Commits: taken by the index's thread too, which never takes this object's monitor. */
    private final Object committing = new Object();
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private volatile boolean rebuilding;
    private volatile long highest;
    /** The highest archive id a look at other nodes' posts has seen; -1 before the first. */
    private volatile long followed = -1;
    private volatile long lastCommit;

    public SearchIndex(Path folder, Store store, Clock clock) {
        this.folder = folder;
        this.store = store;
        this.clock = clock;
    }

    private IndexWriter writer() {
        if (writer == null) {
            open();
        }
        return writer;
    }

    private synchronized void open() {
        if (writer == null) {
            try {
                Files.createDirectories(folder);
                IndexWriter opened = newWriter();
                searchers = new SearcherManager(opened, null);
                writer = opened;
                long upTo = committedUpTo(opened);
                highest = upTo;
                lastCommit = clock.millis();
                catchUp(Math.max(0, upTo - MARGIN));
            } catch (IOException e) {
                throw new UncheckedIOException("the search index in " + folder + " cannot be opened: " + e.getMessage()
                        + " (is another Parley using this data folder?)", e);
            }
        }
    }

    private IndexWriter newWriter() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzers.perField());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(32);
        TieredMergePolicy merges = new TieredMergePolicy();
        // An erasure rewrites every segment that still holds a deleted post, however few.
        merges.setForceMergeDeletesPctAllowed(0.0);
        config.setMergePolicy(merges);
        return new IndexWriter(FSDirectory.open(folder), config);
    }

    private static long committedUpTo(IndexWriter writer) {
        for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
            if (e.getKey().equals(UP_TO)) {
                return Long.parseLong(e.getValue());
            }
        }
        return 0;
    }

    /**
     * Adds (or replaces) one post, on the index's own thread: the caller goes on at once, and
     * every read of the index (a search, a count, a deletion) first waits for what was added
     * before it.
     */
    public void add(Entry entry) {
        // Opened here, so that the index's thread never waits for this object's monitor, which
        // a reader may hold while it waits for that thread.
        writer();
        backlog.submit(() -> addNow(entry));
    }

    private void addNow(Entry entry) {
        try {
            // The writer as it is when the work is done: an erasure may have reopened it.
            put(writer, entry);
            if (clock.millis() - lastCommit >= COMMIT_EVERY_MILLIS) {
                commitNow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search index in " + folder + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** Adds or replaces the post's document, and remembers the highest archive id the index holds. */
    private void put(IndexWriter w, Entry entry) throws IOException {
        w.updateDocument(new Term(Fields.ID, Long.toString(entry.message().id())), document(entry));
        highest = Math.max(highest, entry.message().id());
    }

    /** Removes one post, e.g. one erased on request. */
    public synchronized void delete(long archiveId) {
        backlog.settle();
        try {
            writer().deleteDocuments(new Term(Fields.ID, Long.toString(archiveId)));
        } catch (IOException e) {
            throw new UncheckedIOException("the search index in " + folder + " cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites the segments that hold deleted posts and drops the files they leave, so that
     * an erased post's words are in no file of the index; searches see the index as it is now.
     */
    public synchronized void purgeDeleted() {
        // Opened here: the index's thread must never wait for this object's monitor.
        writer();
        // On the index's thread, after the posts handed in before and with none added meanwhile.
        backlog.call(this::purgeNow);
    }

    private void purgeNow() {
        try {
            IndexWriter w = writer;
            w.forceMergeDeletes(true);
            commitNow();
            if (w.hasDeletions()) {
                // The merge policy leaves a segment it finds too small to rewrite alone.
                w.forceMerge(1);
                commitNow();
            }
            searchers.maybeRefreshBlocking();
            w.deleteUnusedFiles();
            if (!rebuilding) {
                dropWhatIsLeft();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search index in " + folder + " cannot be rewritten: " + e.getMessage(), e);
        }
    }

    /**
     * A file the last commit does not name is kept while anything still reads it, such as
     * a search that was under way during the purge. Such files may hold an erased post's
     * words: the writer is closed and opened again, and a new writer deletes every file its
     * commit does not name. A search still reading one goes on reading it until it is done.
     */
    private void dropWhatIsLeft() throws IOException {
        List<String> left = notCommitted();
        if (left.isEmpty()) {
            return;
        }
        LOG.info("search index reopened to drop files left after a purge folder={} files={}", folder, left);
        synchronized (committing) {
            SearcherManager before = searchers;
            writer.close();
            IndexWriter opened = newWriter();
            searchers = new SearcherManager(opened, null);
            writer = opened;
            before.close();
        }
    }

    /** The files of the index's folder that its last commit does not name. */
    private List<String> notCommitted() throws IOException {
        Set<String> named = new HashSet<>(SegmentInfos.readLatestCommit(writer.getDirectory()).files(true));
        named.add(IndexWriter.WRITE_LOCK_NAME);
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !named.contains(f)).sorted().toList();
        }
    }

    private Document document(Entry entry) {
        ArchivedMessage m = entry.message();
        String language = entry.list().language();
        Document doc = new Document();
        doc.add(new StringField(Fields.ID, Long.toString(m.id()), Field.Store.NO));
        doc.add(new StoredField(Fields.ID, m.id()));
        doc.add(new StringField(Fields.LIST, m.list(), Field.Store.NO));
        doc.add(new StringField(Fields.ROOM, entry.list().roomId(), Field.Store.NO));
        doc.add(new StringField(Fields.LANGUAGE, language, Field.Store.NO));
        doc.add(new StringField(Fields.DELEGATION, m.senderDelegation().toLowerCase(Locale.ROOT), Field.Store.NO));
        doc.add(new StringField(Fields.AUTHOR, m.sender().toLowerCase(Locale.ROOT), Field.Store.NO));
        doc.add(new StringField(Fields.THREAD, Long.toString(m.threadId()), Field.Store.NO));
        doc.add(new LongPoint(Fields.DATE, m.sentAt().toEpochMilli()));
        doc.add(new NumericDocValuesField(Fields.DATE, m.sentAt().toEpochMilli()));
        doc.add(new StringField(Fields.HAS_FILES, entry.files().isEmpty() ? "no" : "yes", Field.Store.NO));
        // "report-2026.pdf" is found as itself and by its words.
        String names = String.join(" ", entry.files());
        doc.add(new TextField(Fields.FILES, names + " " + names.replaceAll("[._\\-]+", " "), Field.Store.NO));
        doc.add(new TextField(Fields.subject(language), m.subject(), Field.Store.NO));
        String[] parts = ownAndQuoted(entry.text());
        doc.add(new TextField(Fields.text(language), parts[0], Field.Store.NO));
        doc.add(new TextField(Fields.quoted(language), parts[1], Field.Store.NO));
        return doc;
    }

    /**
     * The author's own words, and the rest: what they quote ({@code >} lines, and all below a
     * client's quote header) and their signature, which weigh less.
     */
    static String[] ownAndQuoted(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int quoteStart = Quotes.start(lines);
        for (int i = 0; i < quoteStart; i++) {
            if (Quotes.isSignature(lines[i])) {
                quoteStart = i;
                break;
            }
        }
        StringBuilder own = new StringBuilder();
        StringBuilder quoted = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            (i >= quoteStart || lines[i].startsWith(">") ? quoted : own).append(lines[i]).append('\n');
        }
        return new String[] {own.toString(), quoted.toString()};
    }

    /** Makes what was added since the last commit durable, with the highest archive id it holds. */
    public void commit() {
        backlog.settle();
        commitNow();
    }

    private void commitNow() {
        synchronized (committing) {
            IndexWriter w = writer;
            if (w == null) {
                return;
            }
            try {
                w.setLiveCommitData(Map.of(UP_TO, Long.toString(highest)).entrySet());
                w.commit();
                lastCommit = clock.millis();
            } catch (IOException e) {
                throw new UncheckedIOException("the search index in " + folder + " cannot be committed: " + e.getMessage(),
                        e);
            }
        }
    }

    /** Archive rows read in one transaction: how many, the last id, and the entries of those not erased. */
    private record Batch(int read, long last, List<Entry> entries) {
    }

    /** Adds every archived post after this id, in batches read from the store. */
    private void catchUp(long after) throws IOException {
        long added = walk(after, id -> { });
        if (added > 0) {
            LOG.info("search index caught up folder={} after={} added={}", folder, after, added);
            commit();
        }
    }

    /**
     * Rebuilds the index from the store, reporting the count done; searches keep being
     * answered from the old index until the new one is complete.
     */
    public long reindex(LongConsumer progress) {
        backlog.settle();
        synchronized (rebuild) {
            try {
                IndexWriter w = writer();
                rebuilding = true;
                w.deleteAll();
                highest = 0;
                long done = walk(0, progress);
                commit();
                rebuilding = false;
                searchers.maybeRefresh();
                LOG.info("search index rebuilt folder={} messages={}", folder, done);
                return done;
            } catch (IOException e) {
                throw new UncheckedIOException("the search index in " + folder + " cannot be rebuilt: " + e.getMessage(), e);
            } finally {
                rebuilding = false;
            }
        }
    }

    private long walk(long after, LongConsumer progress) throws IOException {
        long last = after;
        long done = 0;
        while (true) {
            long from = last;
            Batch batch = store.read(tx -> {
                List<ArchivedMessage> rows = tx.archive().after(from, BATCH);
                return new Batch(rows.size(), rows.isEmpty() ? from : rows.get(rows.size() - 1).id(), entries(tx, rows));
            });
            if (batch.read() == 0) {
                return done;
            }
            for (Entry entry : batch.entries()) {
                put(writer, entry);
            }
            // The last rows may be erased ones, which have no entry: the walk goes on past them.
            last = batch.last();
            highest = Math.max(highest, last);
            done += batch.read();
            progress.accept(done);
        }
    }

    /**
     * Takes in what other nodes sharing the store did since the last look: posts they
     * archived up to a moment that this index lacks (looked for from a little before the
     * last one looked at, since ids of several nodes commit out of order) and posts they
     * erased since then, which leave this index and its files. Posts archived after that
     * moment wait for the next look: this node's own are being added by its index thread,
     * which a busy node may have queued. Returns how many posts were added or removed.
     *
     * <p>Holds the index's monitor, as {@link #delete} does: a post read here just before its
     * erasure commits is in the index before the erasure removes it, never after.
     */
    public synchronized long follow(Instant archivedUpTo, Instant erasedSince) {
        backlog.settle();
        IndexWriter w = writer();
        if (rebuilding) {
            // The rebuild reads the whole store; searches keep the old index until it is done.
            return 0;
        }
        try {
            searchers.maybeRefreshBlocking();
            long changed = 0;
            if (followed < 0) {
                followed = highest;
            }
            long after = Math.max(0, followed - FOLLOW_MARGIN);
            while (true) {
                long from = after;
                List<Long> ids = store.read(tx -> tx.archive().idsAfter(from, archivedUpTo, BATCH));
                if (ids.isEmpty()) {
                    break;
                }
                List<Long> missing = absent(ids);
                if (!missing.isEmpty()) {
                    for (Entry entry : store.read(tx -> entries(tx, tx.archive().byIds(missing)))) {
                        put(w, entry);
                        changed++;
                    }
                }
                after = ids.get(ids.size() - 1);
                highest = Math.max(highest, after);
                followed = Math.max(followed, after);
            }
            List<Long> erased = store.read(tx -> tx.archive().erasedSince(erasedSince));
            List<Long> held = new ArrayList<>(erased);
            held.removeAll(absent(erased));
            for (long id : held) {
                w.deleteDocuments(new Term(Fields.ID, Long.toString(id)));
            }
            changed += held.size();
            if (!held.isEmpty()) {
                purgeDeleted();
            } else if (changed > 0) {
                searchers.maybeRefresh();
            }
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException("the search index in " + folder + " cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * A searcher of the index, refreshed first if asked. The manager is taken anew if an
     * erasure reopened the index between reading the field and using it.
     */
    IndexSearcher acquire(boolean refresh) throws IOException {
        while (true) {
            SearcherManager current = searchers;
            try {
                if (refresh) {
                    current.maybeRefresh();
                }
                return current.acquire();
            } catch (AlreadyClosedException e) {
                if (current == searchers) {
                    throw e;
                }
            }
        }
    }

    /** Those of these posts that the index, as last refreshed, does not hold. */
    private List<Long> absent(List<Long> ids) throws IOException {
        IndexSearcher searcher = acquire(false);
        try {
            List<Long> out = new ArrayList<>();
            for (long id : ids) {
                // A count, not the term's frequency, which still counts deleted documents.
                if (searcher.count(new TermQuery(new Term(Fields.ID, Long.toString(id)))) == 0) {
                    out.add(id);
                }
            }
            return out;
        } finally {
            searchers.release(searcher);
        }
    }

    /** Indexes these posts anew from the store (their rows changed), replacing what was there. */
    public void refresh(List<Long> archiveIds) {
        for (int i = 0; i < archiveIds.size(); i += BATCH) {
            List<Long> ids = archiveIds.subList(i, Math.min(archiveIds.size(), i + BATCH));
            store.read(tx -> entries(tx, tx.archive().byIds(ids))).forEach(this::add);
        }
    }

    /** The index's entries of these posts; an erased post has none, its words being gone. */
    private static List<Entry> entries(Tx tx, List<ArchivedMessage> all) {
        List<ArchivedMessage> messages = all.stream().filter(m -> m.erased().isEmpty()).toList();
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Long> ids = messages.stream().map(ArchivedMessage::id).toList();
        Map<Long, String> bodies = tx.archive().bodiesOf(ids);
        Map<Long, List<String>> files = tx.archive().attachments(ids).stream().collect(Collectors.groupingBy(
                Attachment::messageId, Collectors.mapping(Attachment::filename, Collectors.toList())));
        Map<String, ForumList> lists = tx.rooms().lists().stream().collect(Collectors.toMap(ForumList::name, l -> l));
        List<Entry> out = new ArrayList<>();
        for (ArchivedMessage m : messages) {
            ForumList list = lists.getOrDefault(m.list(), new ForumList(m.list(), "", "", ""));
            out.add(new Entry(m, list, bodies.getOrDefault(m.id(), ""), files.getOrDefault(m.id(), List.of())));
        }
        return out;
    }

    /** The query of the words alone, over the fields of the given languages (and the file names). */
    Optional<Query> words(String text, Collection<String> languages) {
        Map<String, Float> weights = new HashMap<>();
        for (String language : languages) {
            weights.put(Fields.subject(language), 2.0f);
            weights.put(Fields.text(language), 1.0f);
            weights.put(Fields.quoted(language), 0.3f);
        }
        weights.put(Fields.FILES, 0.5f);
        // The operators the search page offers; fuzzy words (~) and proximity, unoffered, would each become up
        // to 50 clauses a field.
        SimpleQueryParser parser = new SimpleQueryParser(analyzers.perField(), weights, SimpleQueryParser.AND_OPERATOR
                | SimpleQueryParser.OR_OPERATOR | SimpleQueryParser.NOT_OPERATOR | SimpleQueryParser.PREFIX_OPERATOR
                | SimpleQueryParser.PHRASE_OPERATOR | SimpleQueryParser.PRECEDENCE_OPERATORS
                | SimpleQueryParser.ESCAPE_OPERATOR | SimpleQueryParser.WHITESPACE_OPERATOR);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        return Optional.ofNullable(parser.parse(SearchQuery.searched(text)));
    }

    /** Finds a page of posts; nothing outside the query's lists (and, for a guest, threads) is counted. */
    public Found search(SearchQuery q) {
        backlog.settle();
        if (q.lists().isEmpty() || q.text() == null || q.text().isBlank()) {
            return Found.NONE;
        }
        Optional<Query> words = words(q.text(), q.languages());
        if (words.isEmpty()) {
            return Found.NONE;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(words.get(), BooleanClause.Occur.MUST);
        query.add(terms(Fields.LIST, q.lists().stream().map(SearchQuery.Scope::list).toList()), BooleanClause.Occur.FILTER);
        q.threads().ifPresent(t -> query.add(terms(Fields.THREAD, t.stream().map(String::valueOf).toList()),
                BooleanClause.Occur.FILTER));
        q.room().ifPresent(r -> query.add(new TermQuery(new Term(Fields.ROOM, r)), BooleanClause.Occur.FILTER));
        q.delegation().ifPresent(d -> query.add(new TermQuery(new Term(Fields.DELEGATION, d.toLowerCase(Locale.ROOT))),
                BooleanClause.Occur.FILTER));
        q.author().ifPresent(a -> query.add(new TermQuery(new Term(Fields.AUTHOR, a.toLowerCase(Locale.ROOT))),
                BooleanClause.Occur.FILTER));
        if (q.from().isPresent() || q.to().isPresent()) {
            query.add(LongPoint.newRangeQuery(Fields.DATE, q.from().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE),
                    q.to().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE)), BooleanClause.Occur.FILTER);
        }
        if (q.withFiles()) {
            query.add(new TermQuery(new Term(Fields.HAS_FILES, "yes")), BooleanClause.Occur.FILTER);
        }
        try {
            writer();
            // Until a rebuild is complete, searches keep reading the index as it was.
            IndexSearcher searcher = acquire(!rebuilding);
            try {
                Query built = query.build();
                int wanted = q.page() * q.size();
                // Counted exactly up to a thousand: past that Lucene may skip what cannot reach
                // the page (by score, or by date through the points of the date field), and the
                // reader is told "more than 1,000".
                TopDocs top = q.newest()
                        ? searcher.search(built, new TopFieldCollectorManager(
                                new Sort(new SortField(Fields.DATE, SortField.Type.LONG, true)), wanted, COUNT_EXACTLY))
                        : searcher.search(built, new TopScoreDocCollectorManager(wanted, COUNT_EXACTLY));
                long total = top.totalHits.value;
                boolean exact = top.totalHits.relation == TotalHits.Relation.EQUAL_TO;
                List<Long> ids = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                var stored = searcher.storedFields();
                for (int i = (q.page() - 1) * q.size(); i < docs.length; i++) {
                    ids.add(stored.document(docs[i].doc).getField(Fields.ID).numericValue().longValue());
                }
                return new Found(total, exact, ids);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search index in " + folder + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Query terms(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    /** The analyzer a language's text is read with, for excerpts. */
    Analyzer analyzer(String language) {
        return analyzers.of(language);
    }

    /** How many posts the index holds. */
    public long size() {
        backlog.settle();
        try {
            writer();
            IndexSearcher searcher = acquire(true);
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index's size on disk, in bytes. */
    public long bytes() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        backlog.stop();
        closeWriter();
    }

    private synchronized void closeWriter() {
        if (writer == null) {
            return;
        }
        try {
            commit();
            searchers.close();
            writer.close();
        } catch (IOException e) {
            LOG.warn("search index close folder={} error={}", folder, e.toString());
        } finally {
            writer = null;
        }
    }
}
