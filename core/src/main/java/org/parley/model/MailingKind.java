package org.parley.model;

/** What a mailing is, for logs and for the bounce handling to come. */
public enum MailingKind {
    /** An approved post as the list sends it. */
    LIST_COPY,
    /** A notice the forum writes: hold notice, acknowledgement, refusal, answer, help. */
    NOTICE,
    /** A message passed on unchanged, e.g. to a list's owners. */
    FORWARD,
    /** A list's digest: its posts of the period, for members who chose digests. */
    DIGEST,
    /**
     * The last notice to a member who was forgotten: once it is sent and its content dropped,
     * its recipient's address is dropped too, so that nothing of theirs is left.
     */
    FAREWELL
}
