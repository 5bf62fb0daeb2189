package org.parley.model;

import java.time.Instant;

/** What a list page shows of a thread. */
public record ThreadSummary(long id, String list, String subject, String starter, String starterName,
                            String starterDelegation, Instant startedAt, Instant lastAt, int messages,
                            int participants) {
    public int replies() {
        return Math.max(0, messages - 1);
    }
}
