package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.model.Clip;
import org.parley.model.Discussion;
import org.parley.model.Invitation;

/** Discussions, their texts, their opening messages, and the guests invited to them. */
public final class Discussions {
    private final EntityManager em;

    Discussions(EntityManager em) {
        this.em = em;
    }

    public long add(String roomId, Map<String, Discussion.Text> texts, Instant startsAt, Instant endsAt, String by,
                    Instant now) {
        DiscussionRow row = new DiscussionRow();
        row.roomId = roomId;
        row.startsAt = startsAt.toEpochMilli();
        row.endsAt = endsAt.toEpochMilli();
        row.state = Discussion.State.SCHEDULED.name();
        row.createdBy = Clip.of(by, 255);
        row.createdAt = now.toEpochMilli();
        em.persist(row);
        em.flush();
        texts.forEach((language, text) -> {
            DiscussionTextRow t = new DiscussionTextRow();
            t.discussionId = row.id;
            t.language = language;
            t.title = Clip.of(text.title(), 998);
            t.body = text.body();
            em.persist(t);
        });
        return row.id;
    }

    public Optional<Discussion> find(long id) {
        return Optional.ofNullable(em.find(DiscussionRow.class, id)).map(r -> toDiscussions(List.of(r)).get(0));
    }

    /** A room's discussions, or all, newest start first. */
    public List<Discussion> list(Optional<String> roomId, int limit) {
        var query = roomId.isPresent()
                ? em.createQuery("SELECT d FROM DiscussionRow d WHERE d.roomId = :r ORDER BY d.startsAt DESC, d.id DESC",
                        DiscussionRow.class).setParameter("r", roomId.get())
                : em.createQuery("SELECT d FROM DiscussionRow d ORDER BY d.startsAt DESC, d.id DESC", DiscussionRow.class);
        return toDiscussions(query.setMaxResults(limit).getResultList());
    }

    /** Scheduled discussions whose start has come. */
    public List<Discussion> dueToOpen(Instant now) {
        return toDiscussions(em.createQuery("SELECT d FROM DiscussionRow d WHERE d.state = :s AND d.startsAt <= :now"
                        + " ORDER BY d.startsAt", DiscussionRow.class)
                .setParameter("s", Discussion.State.SCHEDULED.name()).setParameter("now", now.toEpochMilli())
                .setMaxResults(20).getResultList());
    }

    /** Open discussions whose end has come. */
    public List<Discussion> dueToClose(Instant now) {
        return toDiscussions(em.createQuery("SELECT d FROM DiscussionRow d WHERE d.state = :s AND d.endsAt <= :now"
                        + " ORDER BY d.endsAt", DiscussionRow.class)
                .setParameter("s", Discussion.State.OPEN.name()).setParameter("now", now.toEpochMilli())
                .setMaxResults(20).getResultList());
    }

    /** The latest end among a room's discussions not yet closed: where a new one may start. */
    public Optional<Instant> lastEnd(String roomId) {
        Long end = em.createQuery("SELECT MAX(d.endsAt) FROM DiscussionRow d WHERE d.roomId = :r AND d.state <> :c",
                        Long.class).setParameter("r", roomId).setParameter("c", Discussion.State.CLOSED.name())
                .getSingleResult();
        return Optional.ofNullable(end).map(Instant::ofEpochMilli);
    }

    /**
     * Moves a discussion on, only from the state it is expected in; false if another
     * worker did it. A discussion closed before its end ends now.
     */
    public boolean advance(long id, Discussion.State from, Discussion.State to, Instant now) {
        String at = to == Discussion.State.OPEN ? "d.openedAt" : "d.closedAt";
        boolean moved = em.createQuery("UPDATE DiscussionRow d SET d.state = :to, " + at + " = :now"
                        + " WHERE d.id = :id AND d.state = :from")
                .setParameter("to", to.name()).setParameter("now", now.toEpochMilli()).setParameter("id", id)
                .setParameter("from", from.name()).executeUpdate() == 1;
        if (moved && to == Discussion.State.CLOSED) {
            em.createQuery("UPDATE DiscussionRow d SET d.endsAt = :now WHERE d.id = :id AND d.endsAt > :now")
                    .setParameter("now", now.toEpochMilli()).setParameter("id", id).executeUpdate();
        }
        return moved;
    }

    /** Records the opening message of a discussion in a list. */
    public void addOpening(long discussionId, String list, long messageRowId) {
        DiscussionThreadRow row = new DiscussionThreadRow();
        row.discussionId = discussionId;
        row.listName = list;
        row.messageRowId = messageRowId;
        em.persist(row);
    }

    /** The discussion whose opening message is in one of these threads, if any. */
    public Optional<Discussion> ofThreads(Collection<Long> threadIds) {
        if (threadIds.isEmpty()) {
            return Optional.empty();
        }
        return em.createQuery("SELECT t.discussionId FROM DiscussionThreadRow t, MessageRow m"
                        + " WHERE m.id = t.messageRowId AND m.threadId IN :ids", Long.class)
                // A row or two: no setMaxResults, with which EclipseLink prepares the query at each run.
                .setParameter("ids", threadIds).getResultStream().findFirst().flatMap(this::find);
    }

    /** The threads of a discussion in every list: a guest may read these and no others. */
    public Set<Long> threads(long discussionId) {
        return Set.copyOf(em.createQuery("SELECT m.threadId FROM DiscussionThreadRow t, MessageRow m"
                        + " WHERE m.id = t.messageRowId AND t.discussionId = :d", Long.class)
                .setParameter("d", discussionId).getResultList());
    }

    /** Each discussion's threads, keyed by thread id, for marking them on list pages. */
    public Map<Long, Discussion.State> threadStates(Collection<Long> threadIds) {
        Map<Long, Discussion.State> out = new HashMap<>();
        if (threadIds.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery("SELECT m.threadId, d.state FROM DiscussionThreadRow t, MessageRow m,"
                        + " DiscussionRow d WHERE m.id = t.messageRowId AND d.id = t.discussionId AND m.threadId IN :ids",
                Object[].class).setParameter("ids", threadIds).getResultList()) {
            out.put((Long) r[0], Discussion.State.valueOf((String) r[1]));
        }
        return out;
    }

    // ---- invitations -----------------------------------------------------------------

    public long invite(long memberId, long discussionId, String list, String invitedBy, String decidedBy, Instant now) {
        InvitationRow row = new InvitationRow();
        row.memberId = memberId;
        row.discussionId = discussionId;
        row.listName = list;
        row.state = Invitation.State.ACTIVE.name();
        row.invitedBy = Clip.of(invitedBy, 255);
        row.decidedBy = Clip.of(decidedBy, 255);
        row.createdAt = now.toEpochMilli();
        em.persist(row);
        em.flush();
        return row.id;
    }

    /** A guest's invitation, the active one if there is one, else the latest. */
    public Optional<Invitation> invitationOf(long memberId) {
        return em.createQuery("SELECT i FROM InvitationRow i WHERE i.memberId = :m ORDER BY i.id DESC", InvitationRow.class)
                .setParameter("m", memberId).getResultStream()
                .sorted(Comparator.comparing((InvitationRow i) -> !i.state.equals(Invitation.State.ACTIVE.name())))
                .findFirst().map(Discussions::toInvitation);
    }

    /** The addresses of a discussion's active guests who read it through this list. */
    public List<String> guestsOf(long discussionId, String list) {
        return em.createQuery("SELECT m.email FROM InvitationRow i, MemberRow m WHERE m.id = i.memberId"
                        + " AND i.discussionId = :d AND i.listName = :l AND i.state = :s ORDER BY m.email", String.class)
                .setParameter("d", discussionId).setParameter("l", list)
                .setParameter("s", Invitation.State.ACTIVE.name()).getResultList();
    }

    /** A discussion's active guests: member id, name and address. */
    public List<Object[]> guests(long discussionId) {
        return em.createQuery("SELECT m.id, m.displayName, m.email, m.delegation FROM InvitationRow i, MemberRow m"
                        + " WHERE m.id = i.memberId AND i.discussionId = :d AND i.state = :s ORDER BY m.email", Object[].class)
                .setParameter("d", discussionId).setParameter("s", Invitation.State.ACTIVE.name()).getResultList();
    }

    /** Ends invitations: every active one of a discussion, or one guest's. Returns how many. */
    public int endInvitations(Optional<Long> discussionId, Optional<Long> memberId, Invitation.State to, Instant now) {
        String where = discussionId.isPresent() ? "i.discussionId = :key" : "i.memberId = :key";
        return em.createQuery("UPDATE InvitationRow i SET i.state = :to, i.endedAt = :now WHERE " + where
                        + " AND i.state = :active")
                .setParameter("to", to.name()).setParameter("now", now.toEpochMilli())
                .setParameter("key", discussionId.orElseGet(memberId::orElseThrow))
                .setParameter("active", Invitation.State.ACTIVE.name()).executeUpdate();
    }

    private List<Discussion> toDiscussions(List<DiscussionRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, Discussion.Text>> texts = new HashMap<>();
        for (DiscussionTextRow t : em.createQuery("SELECT t FROM DiscussionTextRow t WHERE t.discussionId IN :ids"
                + " ORDER BY t.language", DiscussionTextRow.class).setParameter("ids", rows.stream().map(r -> r.id).toList())
                .getResultList()) {
            texts.computeIfAbsent(t.discussionId, k -> new LinkedHashMap<>()).put(t.language,
                    new Discussion.Text(t.title, t.body));
        }
        return rows.stream().map(r -> new Discussion(r.id, r.roomId, Instant.ofEpochMilli(r.startsAt),
                Instant.ofEpochMilli(r.endsAt), Discussion.State.valueOf(r.state),
                texts.getOrDefault(r.id, Map.of()))).toList();
    }

    private static Invitation toInvitation(InvitationRow r) {
        return new Invitation(r.id, r.memberId, r.discussionId, r.listName, Invitation.State.valueOf(r.state));
    }
}
