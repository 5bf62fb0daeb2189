package org.parley.model;

import java.time.Instant;

/**
 * Something a participant asked the moderators for, by mail or on the web: to join a
 * list, a topic for a discussion, or a guest for one discussion.
 */
public record Request(long id, Kind kind, String list, String requester, String requesterName, String language,
                      String title, String body, String guestEmail, String guestName, String guestOrganisation,
                      long discussionId, State state, Instant createdAt) {

    /** What is asked. */
    public enum Kind { JOIN, PROPOSAL, INVITATION }

    /** Where it stands. */
    public enum State { PENDING, ACCEPTED, DECLINED }
}
