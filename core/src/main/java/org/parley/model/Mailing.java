package org.parley.model;

/** A rendered message, stored once, sent to every recipient of its outbox rows. */
public record Mailing(long id, MailingKind kind, String list, byte[] content) {
}
