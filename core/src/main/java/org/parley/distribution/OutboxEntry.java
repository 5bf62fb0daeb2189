package org.parley.distribution;

import java.time.Instant;

/** One recipient of one mailing. */
public record OutboxEntry(long id, long mailingId, String recipient, int attempts, Instant createdAt) {
}
