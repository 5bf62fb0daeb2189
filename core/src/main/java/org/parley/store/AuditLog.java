package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.Clip;

/** Every moderation decision: who, when, what, why, by which channel, and what came of it. */
public final class AuditLog {
    private final EntityManager em;

    AuditLog(EntityManager em) {
        this.em = em;
    }

    public void add(AuditEntry entry) {
        DecisionRow row = new DecisionRow();
        row.heldId = entry.heldId();
        row.listName = entry.list();
        row.actor = Clip.of(entry.actor(), 255);
        row.decidedAt = entry.at().toEpochMilli();
        row.verdict = entry.verdict();
        row.reason = Clip.of(entry.reason(), 2000);
        row.channel = entry.channel().name();
        row.outcome = Clip.of(entry.outcome(), 500);
        em.persist(row);
    }

    /** The newest entries first, a page at a time. */
    public List<AuditEntry> recent(int offset, int limit) {
        return em.createQuery("SELECT d FROM DecisionRow d ORDER BY d.id DESC", DecisionRow.class)
                .setFirstResult(offset).setMaxResults(limit).getResultStream()
                .map(d -> new AuditEntry(d.heldId, d.listName, d.actor, Instant.ofEpochMilli(d.decidedAt), d.verdict,
                        d.reason, Channel.valueOf(d.channel), d.outcome))
                .toList();
    }

    /** The entries about one held message, oldest first. */
    public List<AuditEntry> about(long heldId) {
        return em.createQuery("SELECT d FROM DecisionRow d WHERE d.heldId = :h ORDER BY d.id", DecisionRow.class)
                .setParameter("h", heldId).getResultStream()
                .map(d -> new AuditEntry(d.heldId, d.listName, d.actor, Instant.ofEpochMilli(d.decidedAt), d.verdict,
                        d.reason, Channel.valueOf(d.channel), d.outcome))
                .toList();
    }
}
