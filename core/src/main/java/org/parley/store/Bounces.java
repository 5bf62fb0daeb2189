package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/** Bounces matched to the delivery they answer; what to do about them comes later. */
public final class Bounces {
    private final EntityManager em;

    Bounces(EntityManager em) {
        this.em = em;
    }

    public void add(long arrivalId, long copyKey, String list, String recipient, Instant now) {
        BounceRow row = new BounceRow();
        row.inboundId = arrivalId;
        row.copyKey = copyKey;
        row.listName = list;
        row.recipient = Arrivals.clip(recipient, 255);
        row.receivedAt = now.toEpochMilli();
        em.persist(row);
    }

    /** Bounces of copies to this address received since a time. */
    public long count(String recipient, Instant since) {
        return em.createQuery("SELECT COUNT(b) FROM BounceRow b WHERE b.recipient = :r AND b.receivedAt >= :s", Long.class)
                .setParameter("r", recipient).setParameter("s", since.toEpochMilli()).getSingleResult();
    }

    public long count(String recipient) {
        return em.createQuery("SELECT COUNT(b) FROM BounceRow b WHERE b.recipient = :r", Long.class)
                .setParameter("r", recipient).getSingleResult();
    }
}
