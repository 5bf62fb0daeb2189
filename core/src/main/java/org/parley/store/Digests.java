package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When each list's digest last went out. */
public final class Digests {
    private final EntityManager em;

    Digests(EntityManager em) {
        this.em = em;
    }

    public Optional<Instant> lastSent(String list) {
        return Optional.ofNullable(em.find(DigestRow.class, list)).map(r -> Instant.ofEpochMilli(r.lastSentAt));
    }

    public void sent(String list, Instant at) {
        DigestRow row = em.find(DigestRow.class, list);
        if (row == null) {
            row = new DigestRow();
            row.listName = list;
            em.persist(row);
        }
        row.lastSentAt = at.toEpochMilli();
    }

    /** The lists that have digest subscribers. */
    public List<String> listsWithDigestReaders() {
        return em.createQuery("SELECT DISTINCT s.listName FROM SubscriptionRow s WHERE s.deliveryMode = 'DIGEST'"
                + " ORDER BY s.listName", String.class).getResultList();
    }
}
