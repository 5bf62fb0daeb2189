package org.parley.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * The few lines of a post around the words searched, with those words marked. The text is
 * read once with its language's analyzer and each word compared with the query's words (and
 * prefixes), which costs a fraction of a millisecond a hit where a highlighter that rebuilds
 * an index per document for phrases cost several. Only text comes out, cut into parts;
 * whoever shows it escapes it and draws the marks.
 */
public final class Excerpts {
    private static final int LENGTH = 220;
    /** How much of a long post is read to find the words: the start of a post is where they usually are. */
    private static final int READ = 20_000;

    /** A piece of an excerpt, and whether it is a word searched for. */
    public record Part(String text, boolean hit) {
    }

    private final SearchIndex index;

    public Excerpts(SearchIndex index) {
        this.index = index;
    }

    /** The excerpt of a post's text around the first word found, read in the post's language; else its start. */
    public List<Part> of(String words, String language, String text) {
        return forWords(words).of(language, text);
    }

    /** Excerpts for one search's hits: its words are read once per language, not once per hit. */
    public Search forWords(String words) {
        return new Search(words);
    }

    /** The excerpts of one search. */
    public final class Search {
        private final String words;
        private final Map<String, Optional<Query>> queries = new HashMap<>();

        private Search(String words) {
            this.words = words;
        }

        public List<Part> of(String language, String text) {
            Optional<Query> query = queries.computeIfAbsent(language, l -> index.words(words, List.of(l)));
            return excerpt(query, language, text);
        }
    }

    private List<Part> excerpt(Optional<Query> query, String language, String text) {
        String clean = text.length() > READ ? text.substring(0, READ) : text;
        List<int[]> hits = query.isPresent() ? hits(query.get(), language, clean) : List.of();
        int start = hits.isEmpty() ? 0 : Math.max(0, hits.get(0)[0] - LENGTH / 3);
        for (int back = 0; start > 0 && back < 20 && !Character.isWhitespace(clean.charAt(start - 1)); back++) {
            start--;
        }
        int end = Math.min(clean.length(), start + LENGTH);
        List<Part> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder(start > 0 ? "…" : "");
        int at = start;
        for (int[] hit : hits) {
            if (hit[0] < at || hit[1] > end) {
                continue;
            }
            plain.append(clean, at, hit[0]);
            add(out, plain.toString(), false);
            plain.setLength(0);
            add(out, clean.substring(hit[0], hit[1]), true);
            at = hit[1];
        }
        plain.append(clean, at, end).append(end < text.length() ? "…" : "");
        add(out, plain.toString(), false);
        return out;
    }

    private static void add(List<Part> out, String text, boolean hit) {
        String flat = text.replaceAll("\\s+", " ");
        if (!flat.isEmpty()) {
            out.add(new Part(flat, hit));
        }
    }

    /** Where the query's words stand in the text, by character offsets, in order. */
    private List<int[]> hits(Query query, String language, String text) {
        String field = Fields.text(language);
        Set<String> terms = new HashSet<>();
        List<ByteRunAutomaton> prefixes = new ArrayList<>();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... found) {
                for (Term t : found) {
                    if (t.field().equals(field)) {
                        terms.add(t.text());
                    }
                }
            }

            @Override
            public void consumeTermsMatching(Query q, String f, Supplier<ByteRunAutomaton> automaton) {
                if (f.equals(field)) {
                    prefixes.add(automaton.get());
                }
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                // Words excluded with a minus are not what the reader looks for.
                return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }
        });
        List<int[]> out = new ArrayList<>();
        if (terms.isEmpty() && prefixes.isEmpty()) {
            return out;
        }
        try (TokenStream tokens = index.analyzer(language).tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (!out.isEmpty() && offset.startOffset() > out.get(0)[0] + LENGTH) {
                    break; // past the excerpt around the first word found: the rest is not shown
                }
                String word = term.toString();
                if (terms.contains(word) || matches(prefixes, word)) {
                    out.add(new int[] {offset.startOffset(), offset.endOffset()});
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean matches(List<ByteRunAutomaton> prefixes, String word) {
        if (prefixes.isEmpty()) {
            return false;
        }
        BytesRef bytes = new BytesRef(word);
        for (ByteRunAutomaton a : prefixes) {
            if (a.run(bytes.bytes, bytes.offset, bytes.length)) {
                return true;
            }
        }
        return false;
    }
}
