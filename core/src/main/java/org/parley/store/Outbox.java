package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.parley.model.Clip;
import org.parley.model.CopyKey;
import org.parley.model.Delivery;
import org.parley.model.Mailing;
import org.parley.model.MailingKind;
import org.parley.model.OutboxSlice;

/**
 * Mailings and their delivery. A mailing goes to slices of recipients, one outbox row each
 * (with slices of 1,000 a fan-out to 10,000 members writes 10 rows, not 10,000, and a list's
 * roster is stored once for all its mailings, see {@link Rosters}), and a row records how far
 * its slice's delivery got, so a crash resends at most what was sent since its last commit. Workers
 * claim rows with a lease (a conditional update), so several workers, in one process or
 * several, never send the same row at once, and a crashed worker's rows are taken over when
 * its lease runs out. A recipient whose delivery fails leaves the slice for a row of its own,
 * which carries their retries and their final outcome.
 */
public final class Outbox {
    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    /** Copies not sent because their content was erased on request. */
    static final String CANCELLED = "CANCELLED";
    private static final int CLEAR_BATCH = 500;
    private static final byte[] NOTHING = new byte[0];

    /**
     * One statement queues a mailing for every slice of a stored roster, however many there
     * are, in the order of the slices (their ids need not be: they are written in one flush).
     */
    private static final String FAN_OUT = "INSERT INTO OUTBOX (MAILINGID, RECIPIENTSID, SIZE, DONE, DELIVERED, STATE,"
            + " ATTEMPTS, CREATEDAT, NEXTATTEMPTAT, LEASEOWNER, LEASEUNTIL, DONEAT, LASTERROR)"
            + " SELECT ?1, r.ID, r.SIZE, 0, 0, '" + PENDING + "', 0, ?2, ?2, '', 0, 0, '' FROM RECIPIENTS r"
            + " WHERE r.ROSTERID = ?3 ORDER BY r.SLICE";

    /**
     * The due rows, oldest first, along the (STATE, ID) index. Derby planned this as a scan
     * and sort of the whole outbox (its plan was made while the table was small), which made
     * each claim cost as much as the outbox is long; the comment pins the index there and is
     * only a comment to any other database.
     */
    private static final String DUE = "SELECT ID FROM OUTBOX --DERBY-PROPERTIES index=OUTBOX_STATE_ID\n"
            + " WHERE STATE = ? AND NEXTATTEMPTAT <= ? AND LEASEUNTIL < ? ORDER BY STATE, ID";

    /**
     * The claim where the database skips locked rows: the due rows no other transaction holds,
     * leased in the same statement, so workers of several nodes each take rows of their own
     * without waiting for, or conflicting with, each other's claims. The ids are an array, so
     * that the update finds its rows by key: as {@code ID IN (SELECT ...)}, PostgreSQL joined
     * the claimed ids to a scan of the whole outbox, sent rows and all, whenever it thought the
     * outbox small (2,500 rows read for 16 claimed, in a bench run).
     */
    private static final String CLAIM_SKIPPING = "UPDATE OUTBOX SET LEASEOWNER = ?1, LEASEUNTIL = ?2 WHERE ID = ANY"
            + " (ARRAY(SELECT ID FROM OUTBOX WHERE STATE = ?3 AND NEXTATTEMPTAT <= ?4 AND LEASEUNTIL < ?4"
            + " ORDER BY ID LIMIT ?5 FOR UPDATE SKIP LOCKED)) RETURNING ID";

    private final EntityManager em;
    private final Rosters rosters;
    private final boolean skipLocked;

    Outbox(EntityManager em, int sliceSize, boolean skipLocked, CurrentRosters currentRosters) {
        this.em = em;
        this.rosters = new Rosters(em, sliceSize, currentRosters);
        this.skipLocked = skipLocked;
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

    /** Queues a mailing for some recipients, in slices. */
    public void enqueue(long mailingId, Collection<String> recipients, Instant now) {
        for (Rosters.Slice slice : rosters.write(0, recipients)) {
            insert(row(mailingId, slice, 0, now));
        }
    }

    private static OutboxRow row(long mailingId, Rosters.Slice slice, int attempts, Instant created) {
        OutboxRow row = new OutboxRow();
        row.mailingId = mailingId;
        row.recipientsId = slice.id();
        row.size = slice.size();
        row.state = PENDING;
        row.attempts = attempts;
        row.createdAt = created.toEpochMilli();
        row.nextAttemptAt = created.toEpochMilli();
        row.leaseOwner = "";
        row.lastError = "";
        return row;
    }

    private void insert(OutboxRow row) {
        em.persist(row);
        // EclipseLink writes new objects at commit in no set order; each identity insert is a
        // statement of its own anyway, so flushing here costs nothing and keeps slices in order.
        em.flush();
    }

    /** Queues a mailing for every subscriber of a list who receives each post; returns how many. */
    public int fanOut(long mailingId, String list, Instant now) {
        return fanOut(mailingId, list, Delivery.EACH, now);
    }

    /**
     * The lists whose subscriptions changed since their roster of readers of each post was
     * stored, so that it can be stored ahead of their next post (see {@link #prepareRoster}).
     */
    public List<String> listsWithStaleRoster() {
        return em.createQuery("SELECT l.name FROM ListRow l WHERE NOT EXISTS (SELECT r.id FROM RosterRow r"
                        + " WHERE r.listName = l.name AND r.deliveryMode = :d"
                        + " AND r.version = COALESCE(l.rosterVersion, 0)) ORDER BY l.name", String.class)
                .setParameter("d", Delivery.EACH.name()).getResultList();
    }

    /**
     * Stores the list's roster of readers of each post if it is out of date, as its next post
     * would; returns how many readers it names. A post then finds it ready: for 100,000
     * members, reading and writing it takes most of a second that the post would wait.
     */
    public int prepareRoster(String list, Instant now) {
        return rosters.current(list, Delivery.EACH, now).recipients();
    }

    /** Queues a mailing for every subscriber of a list with this delivery (a digest for DIGEST readers). */
    public int fanOut(long mailingId, String list, Delivery delivery, Instant now) {
        Rosters.Roster roster = rosters.current(list, delivery, now);
        em.createNativeQuery(FAN_OUT).setParameter(1, mailingId).setParameter(2, now.toEpochMilli())
                .setParameter(3, roster.id()).executeUpdate();
        return roster.recipients();
    }

    /**
     * Claims up to limit due rows for owner until the lease ends; returns what it got.
     * Rows are taken in id order and claimed by an id range, so both statements walk an
     * index instead of sorting or scanning the outbox.
     */
    public Claim claim(String owner, Instant now, Instant leaseUntil, int limit) {
        if (skipLocked) {
            @SuppressWarnings("unchecked")
            List<Number> got = em.createNativeQuery(CLAIM_SKIPPING).setParameter(1, owner)
                    .setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, PENDING)
                    .setParameter(4, now.toEpochMilli()).setParameter(5, limit).getResultList();
            // Rows between these that others hold stay theirs: claimed() reads only the owner's.
            return got.isEmpty() ? new Claim(0, 0, 0) : new Claim(got.size(),
                    got.stream().mapToLong(Number::longValue).min().getAsLong(),
                    got.stream().mapToLong(Number::longValue).max().getAsLong());
        }
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

    /**
     * Takes back at once the rows that a previous process of this node had leased (its
     * owners start with the node's name): that process is dead, since this one holds its
     * data folder, so waiting for its leases to run out would only delay the mail.
     * Returns how many rows were freed.
     */
    public int releaseLeasesOfNode(String node) {
        return em.createQuery("UPDATE OutboxRow o SET o.leaseOwner = '', o.leaseUntil = 0"
                        + " WHERE o.leaseOwner LIKE :node AND o.state = :p")
                .setParameter("node", node + "/%").setParameter("p", PENDING).executeUpdate();
    }

    /** Gives claimed rows back at once, for the next claim of any worker. */
    public void giveBack(String owner, List<Long> rows) {
        em.createQuery("UPDATE OutboxRow o SET o.leaseOwner = '', o.leaseUntil = 0 WHERE o.id IN :ids"
                        + " AND o.leaseOwner = :owner")
                .setParameter("ids", rows).setParameter("owner", owner).executeUpdate();
    }

    /** What a worker claimed: how many rows, all between first and last. */
    public record Claim(int count, long first, long last) {
    }

    /**
     * The rows owner holds within its claim. The id range lets the database walk the primary
     * key, so the lease needs no index of its own (an index that every claim and every
     * delivery would have to update).
     */
    public List<OutboxSlice> claimed(String owner, Instant now, Claim claim) {
        return em.createQuery("SELECT o, r.addresses FROM OutboxRow o, RecipientsRow r WHERE o.id >= :first"
                        + " AND o.id <= :last AND o.leaseOwner = :owner AND o.leaseUntil >= :now AND r.id = o.recipientsId"
                        + " ORDER BY o.id", Object[].class)
                .setParameter("first", claim.first()).setParameter("last", claim.last())
                .setParameter("owner", owner).setParameter("now", now.toEpochMilli())
                .getResultStream().map(r -> slice((OutboxRow) r[0], (byte[]) r[1])).toList();
    }

    private static OutboxSlice slice(OutboxRow o, byte[] addresses) {
        return new OutboxSlice(o.id, o.mailingId, Rosters.lines(addresses), o.done, o.delivered, o.attempts,
                Instant.ofEpochMilli(o.createdAt));
    }

    /**
     * Drops the content of mailings with no copy left to send (delivered, given up or
     * cancelled): what has left the forum is not kept, so an erasure has nothing to find
     * here but what is still being sent. Returns how many were cleared.
     */
    public int clearSent(Instant now) {
        return clearSent(now, Duration.ofMinutes(1));
    }

    /** The same for mailings at least this old (an erasure takes every one). */
    public int clearSent(Instant now, Duration olderThan) {
        int cleared = 0;
        long after = 0;
        while (true) {
            // The check for copies to send is made by the database in the statement that clears,
            // so a mailing committed meanwhile is never taken for sent; the sweep also leaves the
            // newest alone, as a margin.
            List<Long> batch = em.createQuery("SELECT m.id FROM MailingRow m WHERE m.clearedAt IS NULL AND m.id > :after"
                            + " AND m.createdAt < :before ORDER BY m.id", Long.class).setParameter("after", after)
                    .setParameter("before", now.minus(olderThan).toEpochMilli() + 1).setMaxResults(CLEAR_BATCH).getResultList();
            if (batch.isEmpty()) {
                return cleared;
            }
            after = batch.get(batch.size() - 1);
            // One mailing a statement, by its key: EclipseLink writes the IN-list form as a
            // self-join that Derby may walk through MAILINGS_CLEARED while it moves the rows in
            // it, and then reports a duplicate key when two mailings clear at once.
            for (long id : batch) {
                cleared += em.createNativeQuery("UPDATE MAILINGS SET CONTENT = ?, CLEAREDAT = ? WHERE ID = ?"
                                + " AND NOT EXISTS (SELECT 1 FROM OUTBOX o WHERE o.MAILINGID = ? AND o.STATE = ?)")
                        .setParameter(1, NOTHING).setParameter(2, now.toEpochMilli()).setParameter(3, id)
                        .setParameter(4, id).setParameter(5, PENDING).executeUpdate();
            }
            em.createQuery("UPDATE RecipientsRow r SET r.addresses = :nothing WHERE r.rosterId = 0 AND r.id IN"
                            + " (SELECT o.recipientsId FROM OutboxRow o, MailingRow m WHERE o.mailingId = m.id"
                            + " AND m.id IN :ids AND m.kind = :farewell AND m.clearedAt IS NOT NULL)")
                    .setParameter("nothing", NOTHING).setParameter("ids", batch)
                    .setParameter("farewell", MailingKind.FAREWELL.name()).executeUpdate();
        }
    }

    /**
     * Stops the copies still to be sent of every mailing whose content holds one of these
     * byte strings (a post's Message-ID, its archive link), and drops that content; returns
     * the mailings stopped. Copies already handed to the relay are out of reach.
     */
    public List<Long> cancelCarrying(List<byte[]> needles, Instant now) {
        List<Long> sending = List.copyOf(sendingMailings());
        List<Long> carrying = new ArrayList<>();
        for (int from = 0; from < sending.size(); from += 50) {
            for (Object[] r : em.createQuery("SELECT m.id, m.content FROM MailingRow m WHERE m.id IN :ids", Object[].class)
                    .setParameter("ids", sending.subList(from, Math.min(sending.size(), from + 50))).getResultList()) {
                if (Bytes.containsAny((byte[]) r[1], needles)) {
                    carrying.add((Long) r[0]);
                }
            }
        }
        if (!carrying.isEmpty()) {
            em.createQuery("UPDATE OutboxRow o SET o.state = :c, o.lastError = :e, o.doneAt = :now, o.leaseOwner = '',"
                            + " o.leaseUntil = 0 WHERE o.mailingId IN :ids AND o.state = :p")
                    .setParameter("c", CANCELLED).setParameter("e", "erased on request")
                    .setParameter("now", now.toEpochMilli()).setParameter("ids", carrying).setParameter("p", PENDING)
                    .executeUpdate();
            clear(carrying, now);
        }
        return carrying;
    }

    private Set<Long> sendingMailings() {
        return new HashSet<>(em.createQuery("SELECT DISTINCT o.mailingId FROM OutboxRow o WHERE o.state = :p", Long.class)
                .setParameter("p", PENDING).getResultList());
    }

    private int clear(List<Long> ids, Instant now) {
        return em.createQuery("UPDATE MailingRow m SET m.content = :nothing, m.clearedAt = :now WHERE m.id IN :ids")
                .setParameter("nothing", NOTHING).setParameter("now", now.toEpochMilli()).setParameter("ids", ids)
                .executeUpdate();
    }

    public List<Mailing> mailings(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT m FROM MailingRow m WHERE m.id IN :ids", MailingRow.class)
                .setParameter("ids", ids).getResultStream()
                .map(m -> new Mailing(m.id, MailingKind.valueOf(m.kind), m.listName, m.content)).toList();
    }

    /**
     * Records a slice's progress for the worker that holds it: positions below done have their
     * outcome, delivered of them were delivered. A slice with every position done is finished
     * and leaves the queue; an unfinished one stays the owner's until leaseUntil, so a slow
     * relay never lets the lease run out while the worker is still sending. False if the slice
     * is no longer the owner's (its lease ran out and another worker took it, or an erasure
     * cancelled it): nothing is recorded, and the owner stops sending it.
     */
    public boolean progress(OutboxSlice slice, String owner, int done, int delivered, Instant now,
                            Instant leaseUntil) {
        boolean finished = done >= slice.recipients().size();
        // The state (in two indexes) is set only when it changes: progress within a slice
        // touches no index.
        var update = em.createQuery("UPDATE OutboxRow o SET o.done = :d, o.delivered = :n, o.leaseUntil = :until"
                        + (finished ? ", o.state = :s, o.doneAt = :t, o.leaseOwner = ''" : "")
                        // A row cancelled by an erasure while its worker was sending stays cancelled.
                        + " WHERE o.id = :id AND o.state = :p AND o.leaseOwner = :owner")
                .setParameter("p", PENDING).setParameter("d", done).setParameter("n", delivered)
                .setParameter("until", finished ? 0L : leaseUntil.toEpochMilli()).setParameter("id", slice.id())
                .setParameter("owner", owner);
        if (finished) {
            update.setParameter("s", DONE).setParameter("t", now.toEpochMilli());
        }
        return update.executeUpdate() == 1;
    }

    /**
     * One recipient of a slice failed: they leave it for a row of their own, which is tried
     * again at next (with the slice's age, so give-up counts from the first attempt), or,
     * without next, is failed for good. Returns the copy's new key.
     */
    public CopyKey moveOut(OutboxSlice slice, int position, int attempts, Optional<Instant> next, String error,
                           Instant now) {
        OutboxRow row = row(slice.mailingId(), rosters.write(0, List.of(slice.recipients().get(position))).get(0),
                attempts, slice.createdAt());
        row.lastError = Clip.of(error, 1000);
        if (next.isPresent()) {
            row.nextAttemptAt = next.get().toEpochMilli();
        } else {
            row.state = FAILED;
            row.doneAt = now.toEpochMilli();
        }
        insert(row);
        return new CopyKey(row.id, 0);
    }

    /** The whole rest of a row failed for a while (the relay is down): try again at next. */
    public void retry(long id, int attempts, Instant next, String error) {
        em.createQuery("UPDATE OutboxRow o SET o.attempts = :a, o.nextAttemptAt = :next, o.lastError = :e,"
                        + " o.leaseOwner = '', o.leaseUntil = 0 WHERE o.id = :id")
                .setParameter("a", attempts).setParameter("next", next.toEpochMilli())
                .setParameter("e", Clip.of(error, 1000)).setParameter("id", id).executeUpdate();
    }

    /** The rest of a row failed for good, or for too long. */
    public void failed(long id, int attempts, Instant now, String error) {
        em.createQuery("UPDATE OutboxRow o SET o.state = :s, o.attempts = :a, o.doneAt = :now, o.lastError = :e,"
                        + " o.leaseOwner = '', o.leaseUntil = 0 WHERE o.id = :id")
                .setParameter("s", FAILED).setParameter("a", attempts).setParameter("now", now.toEpochMilli())
                .setParameter("e", Clip.of(error, 1000)).setParameter("id", id).executeUpdate();
    }

    /** When the copy that has waited longest became due, if any is to be sent. */
    public Optional<Instant> oldestDue() {
        return Optional.ofNullable(pendingRows("MIN(NEXTATTEMPTAT)")).map(n -> Instant.ofEpochMilli(n.longValue()));
    }

    /** Recipients still to be sent to, whether never tried yet or waiting for a retry. */
    public long pending() {
        Number n = pendingRows("SUM(SIZE - DONE)");
        return n == null ? 0 : n.longValue();
    }

    /**
     * An aggregate of the pending rows, read along the (STATE, ID) index: these are what a
     * scrape of the metrics and each {@code /readyz} ask for, and Derby, keeping the plan it
     * made while the outbox was small, read the whole outbox, sent rows and all, each time.
     */
    private Number pendingRows(String aggregate) {
        return (Number) em.createNativeQuery("SELECT " + aggregate + " FROM OUTBOX"
                        + " --DERBY-PROPERTIES index=OUTBOX_STATE_ID\n WHERE STATE = ?")
                .setParameter(1, PENDING).getSingleResult();
    }

    /** Recipients waiting for a retry after a temporary failure. */
    public long deferred() {
        return sum("SUM(o.size - o.done)", PENDING, true);
    }

    /** Copies delivered. */
    public long delivered() {
        return sum("SUM(o.delivered)", null, false);
    }

    /** Recipients given up: a permanent failure, or temporary ones for too long. */
    public long failed() {
        return sum("SUM(o.size - o.done)", FAILED, false);
    }

    private long sum(String what, String state, boolean tried) {
        String where = (state == null ? "" : " WHERE o.state = :s") + (tried ? " AND o.attempts > 0" : "");
        var query = em.createQuery("SELECT " + what + " FROM OutboxRow o" + where, Number.class);
        if (state != null) {
            query.setParameter("s", state);
        }
        Number n = query.getSingleResult();
        return n == null ? 0 : n.longValue();
    }

    /** The list and recipient of a delivered copy, for a one-click unsubscribe. */
    public Optional<String[]> listAndRecipient(CopyKey copy) {
        return em.createQuery("SELECT m.listName, r.addresses FROM OutboxRow o, MailingRow m, RecipientsRow r"
                        + " WHERE o.id = :id AND m.id = o.mailingId AND r.id = o.recipientsId", Object[].class)
                .setParameter("id", copy.outboxId()).getResultStream().findFirst()
                .flatMap(r -> Rosters.at((byte[]) r[1], copy.position()).map(rcpt -> new String[] {(String) r[0], rcpt}));
    }

    /** The recipient of a delivered copy, for matching a bounce. */
    public Optional<String> recipient(CopyKey copy) {
        return listAndRecipient(copy).map(target -> target[1]);
    }

    /** How many automatic answers went to an address since a moment. */
    public long autoRepliesSince(String address, Instant since) {
        return em.createQuery("SELECT COUNT(m) FROM MailingRow m WHERE m.autoReplyTo = :a AND m.createdAt >= :t",
                        Long.class)
                .setParameter("a", address).setParameter("t", since.toEpochMilli()).getSingleResult();
    }
}
