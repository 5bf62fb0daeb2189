package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.parley.distribution.Mailing;
import org.parley.distribution.MailingKind;
import org.parley.distribution.OutboxEntry;

/**
 * Mailings and their recipients. Workers claim rows with a lease (a conditional update),
 * so several workers, in one process or several, never send the same row at once, and a
 * crashed worker's rows are taken over when its lease runs out.
 */
public final class Outbox {
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    // Standard SQL: one statement writes every recipient's row, whatever the roster's size.
    private static final String FAN_OUT = "INSERT INTO OUTBOX (MAILINGID, RECIPIENT, STATE, ATTEMPTS, CREATEDAT,"
            + " NEXTATTEMPTAT, LEASEOWNER, LEASEUNTIL, DONEAT, LASTERROR)"
            + " SELECT ?1, m.EMAIL, 'PENDING', 0, ?2, ?2, '', 0, 0, '' FROM SUBSCRIPTIONS s, MEMBERS m"
            + " WHERE s.MEMBERID = m.ID AND s.LISTNAME = ?3 AND s.DELIVERYMODE = ?4";

    /**
     * The due rows, oldest first, along the (STATE, ID) index. Derby planned this as a scan
     * and sort of the whole outbox (its plan was made while the table was small), which made
     * each claim cost as much as the outbox is long; the comment pins the index there and is
     * only a comment to any other database.
     */
    private static final String DUE = "SELECT ID FROM OUTBOX --DERBY-PROPERTIES index=OUTBOX_STATE_ID\n"
            + " WHERE STATE = ? AND NEXTATTEMPTAT <= ? AND LEASEUNTIL < ? ORDER BY STATE, ID";

    private final EntityManager em;

    Outbox(EntityManager em) {
        this.em = em;
    }

    /** Stores a rendered message; autoReplyTo names the address of an automatic answer, else null. */
    public long addMailing(MailingKind kind, String list, byte[] content, String autoReplyTo, Instant now) {
        MailingRow row = new MailingRow();
        row.kind = kind.name();
        row.listName = list;
        row.content = content;
        row.autoReplyTo = autoReplyTo;
        row.createdAt = now.toEpochMilli();
        em.persist(row);
        em.flush();
        return row.id;
    }

    /** Queues a mailing for some recipients. */
    public void enqueue(long mailingId, Collection<String> recipients, Instant now) {
        for (String recipient : recipients) {
            OutboxRow row = new OutboxRow();
            row.mailingId = mailingId;
            row.recipient = recipient;
            row.state = PENDING;
            row.createdAt = now.toEpochMilli();
            row.nextAttemptAt = now.toEpochMilli();
            row.leaseOwner = "";
            row.lastError = "";
            em.persist(row);
        }
    }

    /** Queues a mailing for every subscriber of a list who receives each post; returns how many. */
    public int fanOut(long mailingId, String list, Instant now) {
        return fanOut(mailingId, list, org.parley.people.Delivery.EACH, now);
    }

    /** Queues a mailing for every subscriber of a list with this delivery (a digest for DIGEST readers). */
    public int fanOut(long mailingId, String list, org.parley.people.Delivery delivery, Instant now) {
        return em.createNativeQuery(FAN_OUT)
                .setParameter(1, mailingId).setParameter(2, now.toEpochMilli()).setParameter(3, list)
                .setParameter(4, delivery.name()).executeUpdate();
    }

    /**
     * Claims up to limit due rows for owner until the lease ends; returns how many it got.
     * Rows are taken in id order and claimed by an id range, so both statements walk an
     * index instead of sorting or scanning the outbox.
     */
    public Claim claim(String owner, Instant now, Instant leaseUntil, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery(DUE)
                .setParameter(1, PENDING).setParameter(2, now.toEpochMilli()).setParameter(3, now.toEpochMilli())
                .setMaxResults(limit).getResultList();
        if (due.isEmpty()) {
            return new Claim(0, 0, 0);
        }
        // Every due row between the first and the last is in the list: the range is the list.
        int claimed = em.createQuery("UPDATE OutboxRow o SET o.leaseOwner = :owner, o.leaseUntil = :until"
                        + " WHERE o.id >= :first AND o.id <= :last AND o.state = :p AND o.nextAttemptAt <= :now"
                        + " AND o.leaseUntil < :now")
                .setParameter("owner", owner).setParameter("until", leaseUntil.toEpochMilli())
                .setParameter("first", due.get(0).longValue()).setParameter("last", due.get(due.size() - 1).longValue())
                .setParameter("p", PENDING).setParameter("now", now.toEpochMilli())
                .executeUpdate();
        return new Claim(claimed, due.get(0).longValue(), due.get(due.size() - 1).longValue());
    }

    /** What a worker claimed: how many rows, all between first and last. */
    public record Claim(int count, long first, long last) {
    }

    /**
     * The rows owner holds within its claim, grouped by mailing. The id range lets the
     * database walk the primary key, so the lease needs no index of its own (an index that
     * every claim and every delivery would have to update).
     */
    public List<OutboxEntry> claimed(String owner, Instant now, Claim claim) {
        return em.createQuery("SELECT o.id, o.mailingId, o.recipient, o.attempts, o.createdAt FROM OutboxRow o"
                        + " WHERE o.id >= :first AND o.id <= :last AND o.leaseOwner = :owner AND o.leaseUntil >= :now"
                        + " ORDER BY o.mailingId, o.id", Object[].class)
                .setParameter("first", claim.first()).setParameter("last", claim.last())
                .setParameter("owner", owner).setParameter("now", now.toEpochMilli())
                .getResultStream()
                .map(r -> new OutboxEntry((Long) r[0], (Long) r[1], (String) r[2], (Integer) r[3],
                        Instant.ofEpochMilli((Long) r[4])))
                .toList();
    }

    public List<Mailing> mailings(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT m FROM MailingRow m WHERE m.id IN :ids", MailingRow.class)
                .setParameter("ids", ids).getResultStream()
                .map(m -> new Mailing(m.id, MailingKind.valueOf(m.kind), m.listName, m.content)).toList();
    }

    public void sent(Collection<Long> ids, Instant now) {
        if (!ids.isEmpty()) {
            // The id range lets the database walk the primary key; the list then picks the rows.
            em.createQuery("UPDATE OutboxRow o SET o.state = :s, o.doneAt = :now, o.leaseOwner = '', o.leaseUntil = 0"
                            + " WHERE o.id >= :first AND o.id <= :last AND o.id IN :ids")
                    .setParameter("s", SENT).setParameter("now", now.toEpochMilli())
                    .setParameter("first", java.util.Collections.min(ids)).setParameter("last", java.util.Collections.max(ids))
                    .setParameter("ids", ids).executeUpdate();
        }
    }

    /** A temporary failure: try again at next. */
    public void retry(long id, int attempts, Instant next, String error) {
        em.createQuery("UPDATE OutboxRow o SET o.attempts = :a, o.nextAttemptAt = :next, o.lastError = :e,"
                        + " o.leaseOwner = '', o.leaseUntil = 0 WHERE o.id = :id")
                .setParameter("a", attempts).setParameter("next", next.toEpochMilli())
                .setParameter("e", Arrivals.clip(error, 1000)).setParameter("id", id).executeUpdate();
    }

    /** A permanent failure, or one that lasted too long. */
    public void failed(long id, int attempts, Instant now, String error) {
        em.createQuery("UPDATE OutboxRow o SET o.state = :s, o.attempts = :a, o.doneAt = :now, o.lastError = :e,"
                        + " o.leaseOwner = '', o.leaseUntil = 0 WHERE o.id = :id")
                .setParameter("s", FAILED).setParameter("a", attempts).setParameter("now", now.toEpochMilli())
                .setParameter("e", Arrivals.clip(error, 1000)).setParameter("id", id).executeUpdate();
    }

    /** Counts rows of a mailing in a state, for the admin and tests. */
    public long count(long mailingId, String state) {
        return em.createQuery("SELECT COUNT(o) FROM OutboxRow o WHERE o.mailingId = :m AND o.state = :s", Long.class)
                .setParameter("m", mailingId).setParameter("s", state).getSingleResult();
    }

    /** Counts rows in a state across the outbox. */
    public long count(String state) {
        return em.createQuery("SELECT COUNT(o) FROM OutboxRow o WHERE o.state = :s", Long.class)
                .setParameter("s", state).getSingleResult();
    }

    /** Pending rows not tried yet (as against those waiting for a retry). */
    public long countNeverTried() {
        return em.createQuery("SELECT COUNT(o) FROM OutboxRow o WHERE o.state = :s AND o.attempts = 0", Long.class)
                .setParameter("s", PENDING).getSingleResult();
    }

    /** The list and recipient of an outbox row's mailing, for a one-click unsubscribe. */
    public Optional<String[]> listAndRecipient(long id) {
        return em.createQuery("SELECT m.listName, o.recipient FROM OutboxRow o, MailingRow m WHERE o.id = :id"
                        + " AND m.id = o.mailingId", Object[].class)
                .setParameter("id", id).getResultStream().findFirst()
                .map(r -> new String[] {(String) r[0], (String) r[1]});
    }

    /** The recipient of an outbox row, for matching a bounce. */
    public Optional<String> recipient(long id) {
        return em.createQuery("SELECT o.recipient FROM OutboxRow o WHERE o.id = :id", String.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /** How many automatic answers went to an address since a moment. */
    public long autoRepliesSince(String address, Instant since) {
        return em.createQuery("SELECT COUNT(m) FROM MailingRow m WHERE m.autoReplyTo = :a AND m.createdAt >= :t",
                        Long.class)
                .setParameter("a", address).setParameter("t", since.toEpochMilli()).getSingleResult();
    }
}
