package org.parley.model;

import java.time.Instant;

/** One line of the moderation audit log: a decision applied, or one refused and why. */
public record AuditEntry(long heldId, String list, String actor, Instant at, String verdict, String reason,
                         Channel channel, String outcome) {
}
