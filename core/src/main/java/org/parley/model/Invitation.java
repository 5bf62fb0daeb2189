package org.parley.model;

/** A guest's access to one discussion, through the list of their language. */
public record Invitation(long id, long memberId, long discussionId, String list, State state) {

    /** Where an invitation stands: it ends with its discussion, or when a moderator revokes it. */
    public enum State { ACTIVE, ENDED, REVOKED }

    public boolean active() {
        return state == State.ACTIVE;
    }
}
