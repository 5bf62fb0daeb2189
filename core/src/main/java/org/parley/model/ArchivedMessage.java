package org.parley.model;

import java.time.Instant;

/** A post in the archive, without its body. */
public record ArchivedMessage(long id, long arrivalId, String list, String messageId, String hash, String sender,
                              String senderName, String senderDelegation, String subject, Instant sentAt,
                              Instant archivedAt, long threadId, String inReplyTo, String references) {
}
