package org.parley.model;

import java.time.Instant;
import java.util.Optional;

/** A post waiting for a moderator, or one that has been decided. */
public record HeldMessage(long id, long arrivalId, String list, String sender, String messageId, String subject,
                          String reasons, Instant heldAt, HeldState state, Optional<Decided> decided) {

    /** Who decided, when, how and why. */
    public record Decided(String by, Instant at, Channel channel, String reason) {
    }

    public boolean pending() {
        return state == HeldState.PENDING;
    }
}
