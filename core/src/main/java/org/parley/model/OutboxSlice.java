package org.parley.model;

import java.time.Instant;
import java.util.List;

/**
 * Recipients of one mailing claimed and delivered together. Positions below {@code done}
 * have their outcome recorded already; {@code delivered} counts those that were delivered.
 */
public record OutboxSlice(long id, long mailingId, List<String> recipients, int done, int delivered, int attempts,
                          Instant createdAt) {
    public OutboxSlice {
        recipients = List.copyOf(recipients);
    }

    /** Recipients of the slice not yet handled. */
    public int remaining() {
        return recipients.size() - done;
    }
}
