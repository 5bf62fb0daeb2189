package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.model.Clip;
import org.parley.model.Delivery;

/**
 * Bounces matched to the delivery they answer, and each subscription's bounce score, as
 * Mailman keeps it: a point a day at most for failed deliveries, forgotten when the last
 * is older than the stale period; at the threshold the subscription's delivery stops.
 */
public final class Bounces {
    private final EntityManager em;
    private final CurrentRosters currentRosters;

    Bounces(EntityManager em, CurrentRosters currentRosters) {
        this.em = em;
        this.currentRosters = currentRosters;
    }

    public void add(long arrivalId, long copyKey, String list, String recipient, Instant now) {
        add(arrivalId, copyKey, list, recipient, now, false, "");
    }

    public void add(long arrivalId, long copyKey, String list, String recipient, Instant now, boolean permanent,
                    String status) {
        BounceRow row = new BounceRow();
        row.permanent = permanent;
        row.status = Clip.of(status, 16);
        row.inboundId = arrivalId;
        row.copyKey = copyKey;
        row.listName = list;
        row.recipient = Clip.of(recipient, 255);
        row.receivedAt = now.toEpochMilli();
        em.persist(row);
    }

    /** Bounces of copies to this address received since a time. */
    public long count(String recipient, Instant since) {
        return em.createQuery("SELECT COUNT(b) FROM BounceRow b WHERE b.recipient = :r AND b.receivedAt >= :s", Long.class)
                .setParameter("r", recipient).setParameter("s", since.toEpochMilli()).getSingleResult();
    }

    /** What counting a failed delivery did to a subscription's score. */
    public record Scored(long subscriptionId, int score, boolean counted, boolean stoppedNow) {
    }

    /** Counts a failed delivery to a member on a list; at the threshold, delivery stops (the roster leaves them out). */
    public Optional<Scored> failed(long memberId, String list, Instant now, int threshold, Duration stale) {
        Optional<SubscriptionRow> found = row(memberId, list);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SubscriptionRow row = found.get();
        if (SubscriptionRow.STOPPED.equals(row.deliveryMode)) {
            return Optional.of(new Scored(row.id, row.bounceScore, false, false));
        }
        Instant last = Instant.ofEpochMilli(row.lastBounceAt);
        if (row.lastBounceAt == 0 || last.plus(stale).isBefore(now)) {
            row.bounceScore = 0;
        }
        boolean sameDay = row.lastBounceAt != 0 && day(last) == day(now);
        if (sameDay && row.bounceScore > 0) {
            return Optional.of(new Scored(row.id, row.bounceScore, false, false));
        }
        row.bounceScore++;
        row.lastBounceAt = now.toEpochMilli();
        if (row.bounceScore < threshold) {
            return Optional.of(new Scored(row.id, row.bounceScore, true, false));
        }
        row.resumeMode = row.deliveryMode;
        row.deliveryMode = SubscriptionRow.STOPPED;
        row.stoppedAt = now.toEpochMilli();
        row.warnings = 0;
        new Members(em, currentRosters).rosterChanged(list);
        return Optional.of(new Scored(row.id, row.bounceScore, true, true));
    }

    private static long day(Instant at) {
        return at.toEpochMilli() / 86_400_000L;
    }

    /** A subscription whose delivery bounces stopped, with the warnings sent since. */
    public record Stopped(long subscriptionId, long memberId, String email, String list, int score, int warnings) {
    }

    /** Stopped subscriptions whose last warning (or the stop) is older than the interval. */
    public List<Stopped> warningsDue(Instant now, Duration interval, int limit) {
        return em.createQuery("SELECT s.id, s.memberId, m.email, s.listName, s.bounceScore, s.warnings FROM SubscriptionRow s, MemberRow m"
                        + " WHERE s.memberId = m.id AND s.deliveryMode = :stopped AND s.warnedAt <= :before ORDER BY s.id",
                        Object[].class)
                .setParameter("stopped", SubscriptionRow.STOPPED)
                .setParameter("before", now.minus(interval).toEpochMilli()).setMaxResults(limit).getResultStream()
                .map(r -> new Stopped((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                        ((Number) r[5]).intValue()))
                .toList();
    }

    /** Marks a warning sent; only if nobody sent it meanwhile, so two workers never send the same one. */
    public boolean warned(long subscriptionId, int warningsBefore, Instant now) {
        return em.createQuery("UPDATE SubscriptionRow s SET s.warnings = :after, s.warnedAt = :now"
                        + " WHERE s.id = :id AND s.warnings = :before AND s.deliveryMode = :stopped")
                .setParameter("after", warningsBefore + 1).setParameter("now", now.toEpochMilli())
                .setParameter("id", subscriptionId).setParameter("before", warningsBefore)
                .setParameter("stopped", SubscriptionRow.STOPPED).executeUpdate() == 1;
    }

    /** Delivery as the member chose it again, the score cleared; false if it was not stopped. */
    public boolean enable(long memberId, String list) {
        Optional<SubscriptionRow> found = row(memberId, list);
        if (found.isEmpty() || !SubscriptionRow.STOPPED.equals(found.get().deliveryMode)) {
            return false;
        }
        SubscriptionRow row = found.get();
        row.deliveryMode = row.resumeMode == null ? Delivery.EACH.name() : row.resumeMode;
        row.resumeMode = null;
        row.bounceScore = 0;
        row.lastBounceAt = 0;
        row.stoppedAt = 0;
        row.warnings = 0;
        row.warnedAt = 0;
        new Members(em, currentRosters).rosterChanged(list);
        return true;
    }

    /** A member's bounce state on one list, for {@code parley member show}. */
    public record State(String list, int score, Optional<Instant> lastBounce, boolean stopped, int warnings) {
    }

    public List<State> states(long memberId) {
        return em.createQuery("SELECT s FROM SubscriptionRow s WHERE s.memberId = :m ORDER BY s.listName",
                        SubscriptionRow.class).setParameter("m", memberId).getResultStream()
                .map(s -> new State(s.listName, s.bounceScore,
                        s.lastBounceAt == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(s.lastBounceAt)),
                        SubscriptionRow.STOPPED.equals(s.deliveryMode), s.warnings))
                .toList();
    }

    /** The last bounce of copies to an address: when, and whether it was a failed delivery. */
    public record Last(Instant at, boolean permanent, String status, String list) {
    }

    public Optional<Last> last(String recipient) {
        return em.createQuery("SELECT b FROM BounceRow b WHERE b.recipient = :r ORDER BY b.receivedAt DESC, b.id DESC",
                        BounceRow.class).setParameter("r", recipient).setMaxResults(1).getResultStream().findFirst()
                .map(b -> new Last(Instant.ofEpochMilli(b.receivedAt), b.permanent, b.status == null ? "" : b.status,
                        b.listName));
    }

    private Optional<SubscriptionRow> row(long memberId, String list) {
        return em.createQuery("SELECT s FROM SubscriptionRow s WHERE s.memberId = :m AND s.listName = :l",
                        SubscriptionRow.class).setParameter("m", memberId).setParameter("l", list)
                .getResultStream().findFirst();
    }

    public long count(String recipient) {
        return em.createQuery("SELECT COUNT(b) FROM BounceRow b WHERE b.recipient = :r", Long.class)
                .setParameter("r", recipient).getSingleResult();
    }
}
