package org.parley.search;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A search as a reader asks it, with what they may read already decided: the lists (a
 * member's, or the room's lists of a guest's discussion), and for a guest the threads of
 * their discussion. Nothing outside those is ever counted or found.
 *
 * @param text       the words: several must all be there; {@code "a phrase"}, {@code prefix*}, {@code -exclude}
 * @param lists      the lists searched, each with its language
 * @param threads    for a guest, the only threads they may read
 * @param newest     newest first, else most relevant first
 * @param page       from 1
 */
public record SearchQuery(String text, List<Scope> lists, Optional<Set<Long>> threads, Optional<String> room,
                          Optional<String> delegation, Optional<String> author, Optional<Instant> from,
                          Optional<Instant> to, boolean withFiles, boolean newest, int page, int size) {
    /**
     * The most words searched, as the big web search engines have it; the rest are left out.
     * Each word is a clause on every language's fields, and Lucene refuses a query of over
     * 1,024 clauses: a pasted paragraph was an error page.
     */
    public static final int MAX_WORDS = 32;
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** A list that may be searched, and the language its posts are analysed in. */
    public record Scope(String list, String language) {
    }

    public SearchQuery {
        lists = List.copyOf(lists);
        page = Math.max(1, page);
        size = Math.max(1, Math.min(100, size));
    }

    /** The simplest search: these words in these lists, most relevant first, the first page of 20. */
    public static SearchQuery of(String text, List<Scope> lists) {
        return new SearchQuery(text, lists, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, false, 1, 20);
    }

    /** Whether the text has more words than are searched. */
    public static boolean cut(String text) {
        return words(text).length > MAX_WORDS;
    }

    /** The words that are searched: the first {@link #MAX_WORDS} of the text. */
    static String searched(String text) {
        String[] words = words(text);
        return words.length > MAX_WORDS ? String.join(" ", List.of(words).subList(0, MAX_WORDS))
                : text == null ? "" : text.strip();
    }

    /** The text's words, up to one more than are searched. */
    private static String[] words(String text) {
        return SPACE.split(text == null ? "" : text.strip(), MAX_WORDS + 1);
    }

    List<String> languages() {
        return lists.stream().map(Scope::language).distinct().toList();
    }
}
