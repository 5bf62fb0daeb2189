package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * Named leases that nodes sharing one database take in turn, so that work that must run
 * once, such as the timed chores, runs on one node at a time: the holder renews its lease
 * while it lives, and another node takes it once it has run out. A conditional update, so
 * any database decides it the same way.
 */
public final class Leases {
    /** The forum's timed work: discussions, escalations, digests, warnings, the outbox's sweep. */
    public static final String CHORES = "chores";

    private final EntityManager em;

    Leases(EntityManager em) {
        this.em = em;
    }

    /** Takes or renews the lease for owner until then; false while another owner holds it. */
    public boolean take(String name, String owner, Instant now, Instant until) {
        return em.createNativeQuery("UPDATE LEASES SET OWNER = ?1, UNTILAT = ?2 WHERE NAME = ?3"
                        + " AND (OWNER = ?1 OR UNTILAT < ?4)")
                .setParameter(1, owner).setParameter(2, until.toEpochMilli()).setParameter(3, name)
                .setParameter(4, now.toEpochMilli()).executeUpdate() == 1;
    }

    /** Gives up whatever owner holds, so that another node need not wait for it to run out. */
    public int release(String owner) {
        return em.createNativeQuery("UPDATE LEASES SET OWNER = '', UNTILAT = 0 WHERE OWNER = ?1")
                .setParameter(1, owner).executeUpdate();
    }

    /** Who holds the lease, and until when; an empty owner when nobody does. */
    public Holder holder(String name) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT OWNER, UNTILAT FROM LEASES WHERE NAME = ?1")
                .setParameter(1, name).getSingleResult();
        return new Holder((String) row[0], Instant.ofEpochMilli(((Number) row[1]).longValue()));
    }

    /** A lease's holder. */
    public record Holder(String owner, Instant until) {
    }
}
