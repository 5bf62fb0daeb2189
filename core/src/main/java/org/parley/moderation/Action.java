package org.parley.moderation;

import java.util.Locale;
import org.parley.model.HeldState;

/** What a moderator decides about a held message. */
public enum Action {
    APPROVE(HeldState.APPROVED), REJECT(HeldState.REJECTED), DISCARD(HeldState.DISCARDED);

    private final HeldState result;

    Action(HeldState result) {
        this.result = result;
    }

    public HeldState result() {
        return result;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
