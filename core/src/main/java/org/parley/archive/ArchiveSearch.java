package org.parley.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.model.ArchivedMessage;
import org.parley.model.ForumList;
import org.parley.search.Excerpts;
import org.parley.search.Found;
import org.parley.search.SearchIndex;
import org.parley.search.SearchQuery;
import org.parley.store.Store;

/**
 * Searching as one reader: the index is asked only about what they may read, and every hit
 * is checked again against the store before it is shown, exactly as the pages check, so a
 * post the index still knows but the archive no longer shows is never found.
 */
public final class ArchiveSearch {
    /** A post found, with its list and the lines around the words searched. */
    public record Hit(ArchivedMessage message, ForumList list, List<Excerpts.Part> excerpt) {
    }

    /** How many posts were found in all (at least, when not exact), and this page of them. */
    public record Results(long total, boolean exact, List<Hit> hits) {
    }

    private final Store store;
    private final SearchIndex index;
    private final Excerpts excerpts;

    public ArchiveSearch(Store store, SearchIndex index) {
        this.store = store;
        this.index = index;
        this.excerpts = new Excerpts(index);
    }

    /** The reader's own scope laid over the query's: lists they may read, and a guest's threads. */
    public Results search(Readership reader, SearchQuery asked) {
        List<SearchQuery.Scope> lists = asked.lists().stream().filter(s -> reader.sees(s.list())).toList();
        SearchQuery q = new SearchQuery(asked.text(), lists, reader.threads(), asked.room(), asked.delegation(),
                asked.author(), asked.from(), asked.to(), asked.withFiles(), asked.newest(), asked.page(), asked.size());
        Found found = index.search(q);
        if (found.ids().isEmpty()) {
            return new Results(found.total(), found.exact(), List.of());
        }
        Map<String, ForumList> byName = reader.lists().stream().collect(Collectors.toMap(ForumList::name, l -> l));
        return store.read(tx -> {
            Map<Long, ArchivedMessage> messages = tx.archive().byIds(found.ids()).stream()
                    .collect(Collectors.toMap(ArchivedMessage::id, Function.identity()));
            Map<Long, String> bodies = tx.archive().bodiesOf(found.ids());
            Excerpts.Search excerpt = excerpts.forWords(q.text());
            List<Hit> hits = new ArrayList<>();
            for (long id : found.ids()) {
                ArchivedMessage m = messages.get(id);
                if (m == null || m.erased().isPresent() || !reader.sees(m.list()) || !reader.readsThread(m.threadId())) {
                    continue;
                }
                ForumList list = byName.get(m.list());
                hits.add(new Hit(m, list, excerpt.of(list.language(), bodies.getOrDefault(id, ""))));
            }
            return new Results(found.total(), found.exact(), hits);
        });
    }

    /** The lists a reader searches: those in one language when given, else all they may read. */
    public static List<SearchQuery.Scope> scope(Readership reader, Optional<String> language) {
        return reader.lists().stream().filter(l -> language.map(l.language()::equals).orElse(true))
                .map(l -> new SearchQuery.Scope(l.name(), l.language())).toList();
    }
}
