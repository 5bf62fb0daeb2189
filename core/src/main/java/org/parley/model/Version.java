package org.parley.model;

/**
 * One language's version of a post: the original, a translation of it, or a copy of it
 * approved for every language of the room.
 */
public record Version(long messageId, String list, String language, String hash, long threadId, Kind kind) {
    /** How a version came to be. */
    public enum Kind { ORIGINAL, TRANSLATION, COPY }
}
