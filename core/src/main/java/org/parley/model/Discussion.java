package org.parley.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A topic a moderator opens in a room for a period, across its language lists: a title
 * and opening text per language, a start and an end.
 */
public record Discussion(long id, String roomId, Instant startsAt, Instant endsAt, State state,
                         Map<String, Text> texts) {

    /** Where a discussion stands. */
    public enum State { SCHEDULED, OPEN, CLOSED }

    /** The title and opening text in one language. */
    public record Text(String title, String body) {
    }

    public Discussion {
        texts = Map.copyOf(texts);
    }

    /** The text in a language, else in the first of the others that has one. */
    public Text text(String language, String fallback) {
        return Optional.ofNullable(texts.get(language)).or(() -> Optional.ofNullable(texts.get(fallback)))
                .orElseGet(() -> texts.values().iterator().next());
    }
}
