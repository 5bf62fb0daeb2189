package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts over a period for the statistics: each an aggregate query (GROUP BY over the
 * rows of the period, found by indexed dates), never the rows themselves, so that a
 * report of a year of a large archive costs a few queries.
 */
public final class Aggregates {
    /** A day in milliseconds: posts are counted by UTC day. */
    static final long DAY = 24L * 3600 * 1000;
    private static final long WEEK = 7 * DAY;

    /** Posts of one week (counted from the period's start) in one list from one delegation. */
    public record Posts(int week, String list, String delegation, long count) {
    }

    /** A held post decided in the period: list, who, state, how long it waited (ms). */
    public record Decided(String list, String by, String state, long waited) {
    }

    /** How often something happened (posts by an author, bounces of an address), and when last. */
    public record Activity(long count, Optional<Instant> last) {
        public static final Activity NONE = new Activity(0, Optional.empty());
    }

    private final EntityManager em;

    Aggregates(EntityManager em) {
        this.em = em;
    }

    /**
     * Posts archived in the UTC days of [from, to), by week (counted from the day of from),
     * list and delegation: read from the day counts kept as posts are archived, a few rows a
     * day, never the posts.
     */
    public List<Posts> posts(Instant from, Instant to) {
        long firstDay = Math.floorDiv(from.toEpochMilli(), DAY);
        long endDay = Math.floorDiv(to.toEpochMilli() + DAY - 1, DAY);
        Map<Posts, Long> sums = new HashMap<>();
        em.createQuery("SELECT c.postDay, c.listName, c.delegation, c.posts FROM PostCountRow c"
                        + " WHERE c.postDay >= :first AND c.postDay < :end", Object[].class)
                .setParameter("first", firstDay).setParameter("end", endDay).getResultStream()
                .forEach(r -> sums.merge(new Posts((int) ((((Number) r[0]).longValue() - firstDay) / 7), (String) r[1],
                        r[2] == null ? "" : (String) r[2], 0), ((Number) r[3]).longValue(), Long::sum));
        List<Posts> out = new ArrayList<>();
        sums.forEach((key, count) -> out.add(new Posts(key.week(), key.list(), key.delegation(), count)));
        return out;
    }

    /** Posts of a delegation's authors since a time, by address: from the date index. */
    public Map<String, Activity> authors(String delegation, Instant since) {
        return activity(em.createQuery("SELECT m.sender, COUNT(m), MAX(m.archivedAt) FROM MessageRow m"
                        + " WHERE m.archivedAt >= :s AND m.senderDelegation = :d GROUP BY m.sender", Object[].class)
                .setParameter("s", since.toEpochMilli()).setParameter("d", delegation).getResultList());
    }

    /** Bounces of copies to these addresses, by address. */
    public Map<String, Activity> bounces(List<String> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        return activity(em.createQuery("SELECT b.recipient, COUNT(b), MAX(b.receivedAt) FROM BounceRow b"
                        + " WHERE b.recipient IN :a GROUP BY b.recipient", Object[].class)
                .setParameter("a", addresses).getResultList());
    }

    private static Map<String, Activity> activity(List<Object[]> rows) {
        Map<String, Activity> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put(r[0] == null ? "" : ((String) r[0]).toLowerCase(Locale.ROOT),
                    new Activity(((Number) r[1]).longValue(), Optional.of(Instant.ofEpochMilli(((Number) r[2]).longValue()))));
        }
        return out;
    }

    /** Threads started in [from, to). */
    public long threadsStarted(Instant from, Instant to) {
        return em.createQuery("SELECT COUNT(t) FROM ThreadRow t WHERE t.startedAt >= :f AND t.startedAt < :t", Long.class)
                .setParameter("f", from.toEpochMilli()).setParameter("t", to.toEpochMilli()).getSingleResult();
    }

    /** The delegations of the members, each once: those that could take part. */
    public long delegations() {
        return em.createQuery("SELECT COUNT(DISTINCT m.delegation) FROM MemberRow m WHERE m.delegation <> ''", Long.class)
                .getSingleResult();
    }

    /** Subscriptions by delivery mode (each, digest, none...). */
    public Map<String, Long> deliveryModes() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object[] r : em.createQuery("SELECT s.deliveryMode, COUNT(s) FROM SubscriptionRow s GROUP BY s.deliveryMode"
                + " ORDER BY s.deliveryMode", Object[].class).getResultList()) {
            out.put((String) r[0], (Long) r[1]);
        }
        return out;
    }

    /** Posts held in [from, to), by state (held, approved, rejected, discarded). */
    public Map<String, Long> held(Instant from, Instant to) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object[] r : em.createQuery("SELECT h.state, COUNT(h) FROM HeldRow h WHERE h.heldAt >= :f AND h.heldAt < :t"
                        + " GROUP BY h.state ORDER BY h.state", Object[].class)
                .setParameter("f", from.toEpochMilli()).setParameter("t", to.toEpochMilli()).getResultList()) {
            out.put((String) r[0], (Long) r[1]);
        }
        return out;
    }

    /** Held posts decided in [from, to), with how long each waited: the turnaround's percentiles need each. */
    public List<Decided> decided(Instant from, Instant to) {
        return em.createQuery("SELECT h.listName, h.decidedBy, h.state, h.decidedAt - h.heldAt FROM HeldRow h"
                        + " WHERE h.decidedAt >= :f AND h.decidedAt < :t", Object[].class)
                .setParameter("f", from.toEpochMilli()).setParameter("t", to.toEpochMilli()).getResultStream()
                .map(r -> new Decided((String) r[0], r[1] == null ? "" : (String) r[1], (String) r[2],
                        ((Number) r[3]).longValue())).toList();
    }

    /** Translations made in [from, to). */
    public long translations(Instant from, Instant to) {
        return em.createQuery("SELECT COUNT(v) FROM VersionRow v WHERE v.kind = 'TRANSLATION' AND v.createdAt >= :f"
                        + " AND v.createdAt < :t", Long.class)
                .setParameter("f", from.toEpochMilli()).setParameter("t", to.toEpochMilli()).getSingleResult();
    }

    /**
     * Posts of [from, to) that have a version in another language, or are one: the posts of
     * multilingual rooms less these are what translators could still take up. Read from the
     * versions, never a look-up per post.
     */
    public long translatedOrTranslations(Instant from, Instant to) {
        long originals = count("SELECT COUNT(DISTINCT V.ORIGINALID) FROM VERSIONS V, MESSAGES M WHERE M.ID = V.ORIGINALID"
                + " AND M.ARCHIVEDAT >= ? AND M.ARCHIVEDAT < ?", from, to);
        long versions = count("SELECT COUNT(*) FROM VERSIONS V, MESSAGES M WHERE M.ID = V.VERSIONID"
                + " AND M.ARCHIVEDAT >= ? AND M.ARCHIVEDAT < ?", from, to);
        return originals + versions;
    }

    private long count(String sql, Instant from, Instant to) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, from.toEpochMilli()).setParameter(2, to.toEpochMilli())
                .getSingleResult()).longValue();
    }
}
