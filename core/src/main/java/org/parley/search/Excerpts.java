package org.parley.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;

/**
 * The few lines of a post around the words searched, with those words marked. Only text
 * comes out, cut into parts; whoever shows it escapes it and draws the marks.
 */
public final class Excerpts {
    private static final int LENGTH = 220;
    private static final char OPEN = '\u0001';
    private static final char CLOSE = '\u0002';

    /** A piece of an excerpt, and whether it is a word searched for. */
    public record Part(String text, boolean hit) {
    }

    private final SearchIndex index;

    public Excerpts(SearchIndex index) {
        this.index = index;
    }

    /** The best excerpt of a post's text for the words, read in the post's language; else its start. */
    public List<Part> of(String words, String language, String text) {
        String clean = text.replace(OPEN, ' ').replace(CLOSE, ' ');
        Optional<Query> query = index.words(words, List.of(language));
        String best = null;
        if (query.isPresent()) {
            QueryScorer scorer = new QueryScorer(query.get(), Fields.text(language));
            Highlighter highlighter = new Highlighter((token, group) -> group.getTotalScore() > 0
                    ? OPEN + token + CLOSE : token, scorer);
            highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, LENGTH));
            try {
                best = highlighter.getBestFragment(index.analyzer(language), Fields.text(language), clean);
            } catch (IOException | InvalidTokenOffsetsException e) {
                best = null;
            }
        }
        if (best == null) {
            best = clean.length() > LENGTH ? clean.substring(0, LENGTH) + "…" : clean;
        }
        return parts(best.strip());
    }

    private static List<Part> parts(String marked) {
        List<Part> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hit = false;
        for (char c : marked.toCharArray()) {
            if (c == OPEN || c == CLOSE) {
                if (current.length() > 0) {
                    out.add(new Part(current.toString(), hit));
                    current.setLength(0);
                }
                hit = c == OPEN;
            } else {
                current.append(c == '\n' ? ' ' : c);
            }
        }
        if (current.length() > 0) {
            out.add(new Part(current.toString(), hit));
        }
        return out;
    }
}
