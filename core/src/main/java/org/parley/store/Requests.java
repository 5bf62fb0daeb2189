package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.model.Clip;
import org.parley.model.Request;

/** Requests to the moderators. */
public final class Requests {
    private final EntityManager em;

    Requests(EntityManager em) {
        this.em = em;
    }

    public long add(Request r, Instant now) {
        RequestRow row = new RequestRow();
        row.kind = r.kind().name();
        row.listName = r.list();
        row.requester = Clip.of(r.requester(), 255);
        row.requesterName = Clip.of(r.requesterName(), 255);
        row.language = r.language();
        row.title = Clip.of(r.title(), 998);
        row.body = Clip.of(r.body(), 8000);
        row.guestEmail = Clip.of(r.guestEmail(), 255);
        row.guestName = Clip.of(r.guestName(), 255);
        row.guestOrganisation = Clip.of(r.guestOrganisation(), 255);
        row.discussionId = r.discussionId();
        row.state = r.state().name();
        row.delegation = Clip.of(r.delegation(), 80);
        row.targetId = r.target();
        row.erasePosts = r.erasePosts();
        row.decidedBy = "";
        row.reason = "";
        row.createdAt = now.toEpochMilli();
        em.persist(row);
        em.flush();
        return row.id;
    }

    public Optional<Request> find(long id) {
        return Optional.ofNullable(em.find(RequestRow.class, id)).map(Requests::toRequest);
    }

    /** Requests waiting for the moderators, oldest first. */
    public List<Request> pending(int offset, int limit) {
        return waiting(Request.State.PENDING, offset, limit);
    }

    /** Requests waiting in one state (for the moderators, or for a focal point), oldest first. */
    public List<Request> waiting(Request.State state, int offset, int limit) {
        return em.createQuery("SELECT r FROM RequestRow r WHERE r.state = :s ORDER BY r.id", RequestRow.class)
                .setParameter("s", state.name()).setFirstResult(offset).setMaxResults(limit)
                .getResultStream().map(Requests::toRequest).toList();
    }

    /** Requests waiting for a delegation's focal points, oldest first. */
    public List<Request> forFocalPoints(String delegation, int limit) {
        return em.createQuery("SELECT r FROM RequestRow r WHERE r.state = :s AND r.delegation = :d ORDER BY r.id",
                        RequestRow.class).setParameter("s", Request.State.FOCAL_POINT.name()).setParameter("d", delegation)
                .setMaxResults(limit).getResultStream().map(Requests::toRequest).toList();
    }

    /** Requests that have waited for a focal point since before a time, oldest first. */
    public List<Request> focalPointSince(Instant before, int limit) {
        return em.createQuery("SELECT r FROM RequestRow r WHERE r.state = :s AND r.createdAt < :b ORDER BY r.id",
                        RequestRow.class).setParameter("s", Request.State.FOCAL_POINT.name())
                .setParameter("b", before.toEpochMilli()).setMaxResults(limit).getResultStream()
                .map(Requests::toRequest).toList();
    }

    /** Passes a request from its delegation's focal points to the moderators; false if it no longer waits there. */
    public boolean passToModerators(long id) {
        return em.createQuery("UPDATE RequestRow r SET r.state = :pending WHERE r.id = :id AND r.state = :focal")
                .setParameter("pending", Request.State.PENDING.name()).setParameter("id", id)
                .setParameter("focal", Request.State.FOCAL_POINT.name()).executeUpdate() == 1;
    }

    /** Records a decision if the request still waits; false if someone decided first. */
    public boolean decide(long id, Request.State state, String by, String reason, Instant at) {
        return em.createQuery("UPDATE RequestRow r SET r.state = :state, r.decidedBy = :by, r.reason = :reason,"
                        + " r.decidedAt = :at WHERE r.id = :id AND r.state IN :open")
                .setParameter("state", state.name()).setParameter("by", Clip.of(by, 255))
                .setParameter("reason", Clip.of(reason, 2000)).setParameter("at", at.toEpochMilli())
                .setParameter("id", id).setParameter("open", List.of(Request.State.PENDING.name(),
                        Request.State.FOCAL_POINT.name())).executeUpdate() == 1;
    }

    private static Request toRequest(RequestRow r) {
        return new Request(r.id, Request.Kind.valueOf(r.kind), r.listName, r.requester, r.requesterName, r.language,
                r.title, r.body, r.guestEmail, r.guestName, r.guestOrganisation, r.discussionId,
                Request.State.valueOf(r.state), Instant.ofEpochMilli(r.createdAt),
                r.delegation == null ? "" : r.delegation, r.targetId, r.erasePosts);
    }
}
