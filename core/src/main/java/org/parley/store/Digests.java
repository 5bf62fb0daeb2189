package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    /**
     * Moves a list's digest clock from {@code last} to {@code now}, only if nobody moved it
     * meanwhile: two workers never send the same digest.
     */
    public boolean claim(String list, Instant last, Instant now) {
        return em.createQuery("UPDATE DigestRow d SET d.lastSentAt = :now WHERE d.listName = :l AND d.lastSentAt = :last")
                .setParameter("now", now.toEpochMilli()).setParameter("l", list)
                .setParameter("last", last.toEpochMilli()).executeUpdate() == 1;
    }

    /** A list's digest readers, by their language (empty: none chosen). */
    public Map<String, List<String>> readers(String list) {
        Map<String, List<String>> out = new TreeMap<>();
        em.createQuery("SELECT m.email, m.language FROM SubscriptionRow s, MemberRow m WHERE s.memberId = m.id"
                        + " AND s.listName = :l AND s.deliveryMode = 'DIGEST' ORDER BY m.email", Object[].class)
                .setParameter("l", list).getResultStream()
                .forEach(r -> out.computeIfAbsent(r[1] == null ? "" : (String) r[1], k -> new ArrayList<>()).add((String) r[0]));
        return out;
    }

    /** The lists that have digest subscribers. */
    public List<String> listsWithDigestReaders() {
        return em.createQuery("SELECT DISTINCT s.listName FROM SubscriptionRow s WHERE s.deliveryMode = 'DIGEST'"
                + " ORDER BY s.listName", String.class).getResultList();
    }
}
