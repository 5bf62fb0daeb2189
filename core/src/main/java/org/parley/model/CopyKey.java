package org.parley.model;

/**
 * Names one delivered copy: the outbox row and the recipient's position in it, packed into
 * one number so that a bounce address or an unsubscribe link can carry it in a token.
 */
public record CopyKey(long outboxId, int position) {
    /** Room for a position; an outbox row carries at most 1,000 recipients. */
    private static final int POSITIONS = 1024;

    public CopyKey {
        if (position < 0 || position >= POSITIONS) {
            throw new IllegalArgumentException("position " + position + " is outside an outbox row");
        }
    }

    public long value() {
        return outboxId * POSITIONS + position;
    }

    public static CopyKey of(long value) {
        return new CopyKey(value / POSITIONS, (int) (value % POSITIONS));
    }
}
