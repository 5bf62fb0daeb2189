package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.model.Channel;
import org.parley.model.Clip;
import org.parley.model.HeldMessage;
import org.parley.model.HeldState;

/** The hold queue's rows. */
public final class HeldMessages {
    private final EntityManager em;

    HeldMessages(EntityManager em) {
        this.em = em;
    }

    public long add(long arrivalId, String list, String sender, String messageId, String subject, String reasons,
                    Instant now) {
        HeldRow row = new HeldRow();
        row.inboundId = arrivalId;
        row.listName = list;
        row.sender = Clip.of(sender, 255);
        row.messageId = Clip.of(messageId, 998);
        row.subject = Clip.of(subject, 998);
        row.reasons = Clip.of(reasons, 1000);
        row.heldAt = now.toEpochMilli();
        row.state = HeldState.PENDING.name();
        row.decidedBy = "";
        row.channel = "";
        row.decisionReason = "";
        em.persist(row);
        em.flush();
        return row.id;
    }

    /** Forgets the subject a held arrival had (an erasure of the post it became). */
    public void forgetSubject(long arrivalId) {
        em.createQuery("UPDATE HeldRow h SET h.subject = '' WHERE h.inboundId = :a").setParameter("a", arrivalId)
                .executeUpdate();
    }

    public Optional<HeldMessage> find(long id) {
        return Optional.ofNullable(em.find(HeldRow.class, id)).map(HeldMessages::toHeld);
    }

    /** Pending messages, oldest first, of one list or all. */
    public List<HeldMessage> pending(Optional<String> list, int offset, int limit) {
        String where = list.isPresent() ? " AND h.listName = :l" : "";
        var query = em.createQuery("SELECT h FROM HeldRow h WHERE h.state = :s" + where + " ORDER BY h.id",
                HeldRow.class).setParameter("s", HeldState.PENDING.name());
        list.ifPresent(l -> query.setParameter("l", l));
        return query.setFirstResult(offset).setMaxResults(limit).getResultStream().map(HeldMessages::toHeld).toList();
    }

    /** How many messages wait for a moderator, and since when the oldest has waited. */
    public Waiting waiting() {
        // Along the (STATE, ...) index, so that a scrape reads the waiting rows, never every
        // message ever held: the plan is pinned, as Derby may keep one made on a small table.
        Object[] row = (Object[]) em.createNativeQuery("SELECT COUNT(*), MIN(HELDAT) FROM HELD"
                        + " --DERBY-PROPERTIES index=HELD_STATE_ESCALATED\n WHERE STATE = ?")
                .setParameter(1, HeldState.PENDING.name()).getSingleResult();
        long count = ((Number) row[0]).longValue();
        return new Waiting(count, row[1] == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(((Number) row[1]).longValue())));
    }

    /** The messages waiting for a moderator: how many, and the oldest's time of holding. */
    public record Waiting(long count, Optional<Instant> oldest) {
    }

    /** Pending messages held before a time whose wait the chief moderators have not yet heard of. */
    public List<HeldMessage> dueForEscalation(Instant heldBefore, int limit) {
        return em.createQuery("SELECT h FROM HeldRow h WHERE h.state = :s AND h.escalatedAt = 0 AND h.heldAt < :before"
                        + " ORDER BY h.id", HeldRow.class)
                .setParameter("s", HeldState.PENDING.name()).setParameter("before", heldBefore.toEpochMilli())
                .setMaxResults(limit).getResultStream().map(HeldMessages::toHeld).toList();
    }

    /** Marks a message escalated, once; false if another worker did it first. */
    public boolean markEscalated(long id, Instant at) {
        return em.createQuery("UPDATE HeldRow h SET h.escalatedAt = :at WHERE h.id = :id AND h.escalatedAt = 0")
                .setParameter("at", at.toEpochMilli()).setParameter("id", id).executeUpdate() == 1;
    }

    /**
     * Records a decision if, and only if, the message is still pending: the check and the
     * change are one statement, so two moderators deciding at once cannot both win.
     */
    public boolean decide(long id, HeldState state, String by, Instant at, Channel channel, String reason) {
        return em.createQuery("UPDATE HeldRow h SET h.state = :state, h.decidedBy = :by, h.decidedAt = :at,"
                        + " h.channel = :channel, h.decisionReason = :reason WHERE h.id = :id AND h.state = :pending")
                .setParameter("state", state.name()).setParameter("by", Clip.of(by, 255))
                .setParameter("at", at.toEpochMilli()).setParameter("channel", channel.name())
                .setParameter("reason", Clip.of(reason, 2000)).setParameter("id", id)
                .setParameter("pending", HeldState.PENDING.name())
                .executeUpdate() == 1;
    }

    private static HeldMessage toHeld(HeldRow row) {
        Optional<HeldMessage.Decided> decided = row.state.equals(HeldState.PENDING.name())
                ? Optional.empty()
                : Optional.of(new HeldMessage.Decided(row.decidedBy, Instant.ofEpochMilli(row.decidedAt),
                        Channel.valueOf(row.channel), row.decisionReason));
        return new HeldMessage(row.id, row.inboundId, row.listName, row.sender, row.messageId, row.subject,
                row.reasons, Instant.ofEpochMilli(row.heldAt), HeldState.valueOf(row.state), decided);
    }
}
