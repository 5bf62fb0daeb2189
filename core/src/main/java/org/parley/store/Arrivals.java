package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.parley.model.Arrival;
import org.parley.model.Clip;
import org.parley.model.Envelope;

/** Incoming messages, raw, as committed before the sender's MTA got its 250. */
public final class Arrivals {
    /** Waiting for the router. */
    public static final String RECEIVED = "RECEIVED";
    /** Routing failed with an error that a retry did not cure; kept for an administrator. */
    public static final String FAILED = "FAILED";
    private static final String ARRIVAL = "SELECT i.id, i.mailFrom, i.recipient, i.remoteHost, i.receivedAt, i.size";

    /** An arrival whose routing failed: when, for whom, and the error. */
    public record Failed(long id, Instant receivedAt, String mailFrom, String recipient, String error) {
    }

    private final EntityManager em;
    private final boolean skipLocked;

    Arrivals(EntityManager em, boolean skipLocked) {
        this.em = em;
        this.skipLocked = skipLocked;
    }

    /** Takes one waiting arrival for this transaction, with its bytes, as {@link #takeAll} takes a group. */
    public Optional<Stored> take(long id) {
        return takeAll(List.of(id)).stream().findFirst();
    }

    /**
     * Takes the waiting arrivals of a group for this transaction, with their bytes, in id
     * order, in one statement: the lock and the read are one round trip for the group. Those
     * routed already are left out, and so are those another worker is routing now where the
     * database skips locked rows (nodes sharing it then route different arrivals instead of the
     * same one twice and one rolling back); elsewhere the check is {@link #finish}'s or
     * {@link #finishAll}'s, at the end.
     */
    public List<Stored> takeAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        if (!skipLocked) {
            return em.createQuery(ARRIVAL + ", i.raw FROM InboundRow i WHERE i.id IN :ids AND i.state = :s"
                            + " ORDER BY i.id", Object[].class)
                    .setParameter("ids", ids).setParameter("s", RECEIVED).getResultStream()
                    .map(Arrivals::stored).toList();
        }
        // By id alone, the state checked here: with STATE in the statement, PostgreSQL chose the
        // (STATE, ID) index whenever its statistics called waiting arrivals rare (most arrivals
        // are routed ones), and walked every waiting arrival to find the group's: in a burst, the
        // whole backlog at each group. The rows are locked, so the state read is the state at commit.
        var query = em.createNativeQuery("SELECT ID, MAILFROM, RECIPIENT, REMOTEHOST, RECEIVEDAT, SIZE, RAW, STATE"
                + " FROM INBOUND WHERE ID IN (" + placeholders(1, ids.size()) + ") ORDER BY ID FOR UPDATE SKIP LOCKED");
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 1, ids.get(i));
        }
        return ((List<?>) query.getResultList()).stream().map(r -> (Object[]) r)
                .filter(r -> RECEIVED.equals(r[7])).map(Arrivals::stored).toList();
    }

    /** "?from, ..." for count parameters of a native statement. */
    private static String placeholders(int from, int count) {
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < count; i++) {
            marks.append(i == 0 ? "?" : ", ?").append(from + i);
        }
        return marks.toString();
    }

    public long add(Envelope envelope, byte[] raw, Instant now) {
        return add(envelope, raw, now, RECEIVED, "");
    }

    /**
     * Stores a message the forum wrote itself (a translation), already routed: it has raw
     * bytes for the archive like any post, and no worker will take it again.
     */
    public long addComposed(Envelope envelope, byte[] raw, Instant now, String outcome) {
        return add(envelope, raw, now, "DONE", outcome);
    }

    private long add(Envelope envelope, byte[] raw, Instant now, String state, String outcome) {
        InboundRow row = new InboundRow();
        row.receivedAt = now.toEpochMilli();
        row.mailFrom = Clip.of(envelope.mailFrom(), 255);
        row.recipient = Clip.of(envelope.recipient(), 255);
        row.remoteHost = Clip.of(envelope.remoteHost(), 255);
        row.state = state;
        row.outcome = Clip.of(outcome, 2000);
        row.size = raw.length;
        row.raw = raw;
        em.persist(row);
        em.flush();
        return row.id;
    }

    /**
     * Records that the item of this source (a mailbox's message, by its UIDVALIDITY and UID)
     * was taken in; false if it was already, so that a restart between storing a message and
     * moving it out of the mailbox never takes it twice. In the transaction that stores it.
     */
    public boolean fetchedOnce(String source, String key, Instant now) {
        boolean seen = !em.createNativeQuery("SELECT 1 FROM FETCHED WHERE SOURCE = ?1 AND ITEMKEY = ?2")
                .setParameter(1, Clip.of(source, 255)).setParameter(2, Clip.of(key, 255)).getResultList().isEmpty();
        if (seen) {
            return false;
        }
        em.createNativeQuery("INSERT INTO FETCHED (SOURCE, ITEMKEY, FETCHEDAT) VALUES (?1, ?2, ?3)")
                .setParameter(1, Clip.of(source, 255)).setParameter(2, Clip.of(key, 255))
                .setParameter(3, now.toEpochMilli())
                .executeUpdate();
        return true;
    }

    /** An arrival not yet routed: its id, and its size, by which a worker bounds the bytes of a group. */
    public record Waiting(long id, long size) {
    }

    /** The oldest arrivals not yet routed, without their bytes, so a worker can take them in groups. */
    public List<Waiting> waiting(int limit) {
        return em.createQuery("SELECT i.id, i.size FROM InboundRow i WHERE i.state = :s ORDER BY i.id", Object[].class)
                .setParameter("s", RECEIVED).setMaxResults(limit).getResultStream()
                .map(r -> new Waiting((Long) r[0], (Long) r[1])).toList();
    }

    /** An arrival with its message as it came, as routing reads it: one statement where two were. */
    public record Stored(Arrival arrival, byte[] raw) {
    }

    public Optional<Arrival> find(long id) {
        return em.createQuery(ARRIVAL + " FROM InboundRow i WHERE i.id = :id", Object[].class)
                .setParameter("id", id).getResultStream().findFirst().map(Arrivals::arrival);
    }

    private static Stored stored(Object[] r) {
        return new Stored(arrival(r), (byte[]) r[6]);
    }

    private static Arrival arrival(Object[] r) {
        // Numbers, not Longs: a native query gives what the driver maps the column to.
        return new Arrival(((Number) r[0]).longValue(), new Envelope((String) r[1], (String) r[2], (String) r[3]),
                Instant.ofEpochMilli(((Number) r[4]).longValue()), ((Number) r[5]).longValue());
    }

    /** The arrivals whose envelope sender is this address. */
    public List<Long> from(String address) {
        return em.createQuery("SELECT i.id FROM InboundRow i WHERE LOWER(i.mailFrom) = :a ORDER BY i.id", Long.class)
                .setParameter("a", address).getResultList();
    }

    /** Replaces an arrival's bytes (its author's headers rewritten when the author is forgotten). */
    public void replaceRaw(long id, byte[] raw) {
        em.createQuery("UPDATE InboundRow i SET i.raw = :raw WHERE i.id = :id")
                .setParameter("raw", raw).setParameter("id", id).executeUpdate();
    }

    /** Drops an arrival's bytes (an erasure); its envelope and outcome stay. */
    public void clear(long id) {
        em.createQuery("UPDATE InboundRow i SET i.raw = :nothing WHERE i.id = :id")
                .setParameter("nothing", new byte[0]).setParameter("id", id).executeUpdate();
    }

    /**
     * The arrivals after one and up to a time that hold any of these byte strings and are
     * not posts of their own (archived or held): bounces that return a copy, forwarded or
     * quoted notices. How an erasure finds the mail that came back with a post in it.
     */
    public List<Long> carrying(long after, Instant until, List<byte[]> needles) {
        List<Long> found = new ArrayList<>();
        long from = after;
        while (true) {
            List<Object[]> batch = em.createQuery("SELECT i.id, i.raw FROM InboundRow i WHERE i.id > :from"
                            + " AND i.receivedAt <= :until"
                            + " AND NOT EXISTS (SELECT m.id FROM MessageRow m WHERE m.inboundId = i.id)"
                            + " AND NOT EXISTS (SELECT h.id FROM HeldRow h WHERE h.inboundId = i.id) ORDER BY i.id",
                            Object[].class)
                    .setParameter("from", from).setParameter("until", until.toEpochMilli()).setMaxResults(50)
                    .getResultList();
            if (batch.isEmpty()) {
                return found;
            }
            for (Object[] r : batch) {
                if (Bytes.containsAny((byte[]) r[1], needles)) {
                    found.add((Long) r[0]);
                }
            }
            from = (Long) batch.get(batch.size() - 1)[0];
        }
    }

    /** The raw bytes of some arrivals, in one query. */
    public Map<Long, byte[]> raws(Collection<Long> ids) {
        Map<Long, byte[]> out = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] r : em.createQuery("SELECT i.id, i.raw FROM InboundRow i WHERE i.id IN :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                out.put((Long) r[0], (byte[]) r[1]);
            }
        }
        return out;
    }

    public Optional<byte[]> raw(long id) {
        return em.createQuery("SELECT i.raw FROM InboundRow i WHERE i.id = :id", byte[].class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /**
     * Marks an arrival routed, only if it still waits; false means another worker did it,
     * and this one must roll back.
     */
    public boolean finish(long id, String state, String outcome) {
        return em.createQuery("UPDATE InboundRow i SET i.state = :state, i.outcome = :outcome"
                        + " WHERE i.id = :id AND i.state = :waiting")
                .setParameter("state", state).setParameter("outcome", Clip.of(outcome, 2000))
                .setParameter("id", id).setParameter("waiting", RECEIVED)
                .executeUpdate() == 1;
    }

    /** What routing made of an arrival. */
    public record Routed(long id, String outcome) {
    }

    /**
     * Records the outcomes of a group routed in this transaction, in one statement; false if
     * any of them was no longer waiting (another worker routed it first), and then the
     * transaction must not commit.
     */
    public boolean finishAll(List<Routed> routed) {
        if (routed.isEmpty()) {
            return true;
        }
        // A CASE of parameters, CAST so that Derby knows their type; a group's statements are
        // as many as its sizes (16 at most), each compiled once.
        StringBuilder sql = new StringBuilder("UPDATE INBOUND SET STATE = ?1, OUTCOME = CASE");
        int n = routed.size();
        for (int i = 0; i < n; i++) {
            sql.append(" WHEN ID = ?").append(2 + i).append(" THEN CAST(?").append(2 + n + i)
                    .append(" AS VARCHAR(2000))");
        }
        sql.append(" END WHERE ID IN (").append(placeholders(2, n)).append(')');
        // Where takeAll locked the rows, they are waiting and ours until the commit: by id alone,
        // for the reason given there. Elsewhere the state is this statement's check that no
        // other worker routed one of them meanwhile.
        if (!skipLocked) {
            sql.append(" AND STATE = ?").append(2 + 2 * n);
        }
        var update = em.createNativeQuery(sql.toString()).setParameter(1, "DONE");
        for (int i = 0; i < n; i++) {
            update.setParameter(2 + i, routed.get(i).id())
                    .setParameter(2 + n + i, Clip.of(routed.get(i).outcome(), 2000));
        }
        if (!skipLocked) {
            update.setParameter(2 + 2 * n, RECEIVED);
        }
        return update.executeUpdate() == n;
    }

    /** Failed arrivals, oldest first, a page at a time. */
    public List<Failed> failed(int offset, int limit) {
        return em.createQuery("SELECT i.id, i.receivedAt, i.mailFrom, i.recipient, i.outcome FROM InboundRow i"
                        + " WHERE i.state = :failed ORDER BY i.id", Object[].class)
                .setParameter("failed", FAILED).setFirstResult(offset).setMaxResults(limit).getResultStream()
                .map(r -> new Failed((Long) r[0], Instant.ofEpochMilli((Long) r[1]), (String) r[2], (String) r[3],
                        (String) r[4]))
                .toList();
    }

    /** Puts failed arrivals (one, or all when id is empty) back before the router; returns how many. */
    public int retry(Optional<Long> id) {
        var update = em.createQuery("UPDATE InboundRow i SET i.state = :received, i.outcome = ''"
                        + " WHERE i.state = :failed" + (id.isPresent() ? " AND i.id = :id" : ""))
                .setParameter("received", RECEIVED).setParameter("failed", FAILED);
        id.ifPresent(value -> update.setParameter("id", value));
        return update.executeUpdate();
    }

    /** The state and outcome of an arrival, for tests and the admin. */
    public Optional<String> outcome(long id) {
        return em.createQuery("SELECT CONCAT(CONCAT(i.state, ' '), i.outcome) FROM InboundRow i WHERE i.id = :id",
                String.class).setParameter("id", id).getResultStream().findFirst();
    }

    /** The newest arrival's id, for tests and the admin. */
    public Optional<Long> newest() {
        return em.createQuery("SELECT MAX(i.id) FROM InboundRow i", Long.class).getResultStream()
                .filter(id -> id != null).findFirst();
    }
}
