package org.parley.model;

/**
 * What a decision by a moderator, a translator or a request's reviewer did: applied, with
 * what it made, or refused, with why. The same two ends for every desk, so the mail reply,
 * the web page and the command line answer them alike.
 */
public sealed interface Outcome<T> permits Outcome.Applied, Refusal {
    /** The decision was applied; what it made, for the answer. */
    record Applied<T>(T value) implements Outcome<T> {
    }
}
