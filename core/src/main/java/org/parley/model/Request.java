package org.parley.model;

import java.time.Instant;

/**
 * Something a participant asked for, by mail or on the web: to join a list, a topic for a
 * discussion, a guest for one discussion, the erasure of one of their posts, or to be
 * forgotten. Moderators decide; a join from an address of a Member State that has focal
 * points waits for one of them first ({@code delegation} names it). {@code target} is the
 * archived post an erasure is about; {@code erasePosts}, whether a member to be forgotten
 * asked that their posts go too.
 */
public record Request(long id, Kind kind, String list, String requester, String requesterName, String language,
                      String title, String body, String guestEmail, String guestName, String guestOrganisation,
                      long discussionId, State state, Instant createdAt, String delegation, long target,
                      boolean erasePosts) {

    public Request(long id, Kind kind, String list, String requester, String requesterName, String language,
                   String title, String body, String guestEmail, String guestName, String guestOrganisation,
                   long discussionId, State state, Instant createdAt) {
        this(id, kind, list, requester, requesterName, language, title, body, guestEmail, guestName, guestOrganisation,
                discussionId, state, createdAt, "", 0, false);
    }

    /** What is asked. */
    public enum Kind { JOIN, PROPOSAL, INVITATION, ERASURE, FORGET }

    /** Where it stands: waiting for a focal point of its delegation, for the moderators, or decided. */
    public enum State { FOCAL_POINT, PENDING, ACCEPTED, DECLINED }

    /** The same request, waiting where it now waits and for whose delegation. */
    public Request routed(State now, String delegationAsked) {
        return new Request(id, kind, list, requester, requesterName, language, title, body, guestEmail, guestName,
                guestOrganisation, discussionId, now, createdAt, delegationAsked, target, erasePosts);
    }

    /** Whether nobody has decided it yet. */
    public boolean open() {
        return state == State.FOCAL_POINT || state == State.PENDING;
    }
}
