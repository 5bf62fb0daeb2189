package org.parley.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A post in the archive, without its body. An erased post keeps its place in its thread
 * (ids, author, dates) and has {@code erased} set; its subject and text are gone.
 */
public record ArchivedMessage(long id, long arrivalId, String list, String messageId, String hash, String sender,
                              String senderName, String senderDelegation, String subject, Instant sentAt,
                              Instant archivedAt, long threadId, String inReplyTo, String references,
                              Optional<Instant> erased) {
    /** The same post filed in a thread. */
    public ArchivedMessage inThread(long thread) {
        return new ArchivedMessage(id, arrivalId, list, messageId, hash, sender, senderName, senderDelegation, subject,
                sentAt, archivedAt, thread, inReplyTo, references, erased);
    }
}
