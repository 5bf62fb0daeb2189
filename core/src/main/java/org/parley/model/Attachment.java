package org.parley.model;

/** A file in an archived message: which part of the raw message it is, and what it says it is. */
public record Attachment(long messageId, int part, String filename, String contentType, long size, String contentId) {
}
