package org.parley.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The posts a transaction archived, added to their day's {@link PostCountRow} once, just
 * before it commits: a group of posts routed together (mostly one list, one delegation) writes
 * the row once, not once a post, and holds its lock only from there to the commit.
 */
final class PostCounts {
    private record Day(long day, String list, String delegation) {
    }

    /** One order in every transaction: two that count the same rows never wait on each other in a ring. */
    private static final Comparator<Day> ORDER = Comparator.comparingLong(Day::day).thenComparing(Day::list)
            .thenComparing(Day::delegation);

    private final Map<Day, Long> archived = new TreeMap<>(ORDER);

    /** One more post archived at that time in that list from that delegation (empty: none). */
    void add(long archivedAt, String list, String delegation) {
        archived.merge(new Day(Math.floorDiv(archivedAt, Aggregates.DAY), list, delegation), 1L, Long::sum);
    }

    /**
     * Adds the counted posts to their rows. The increment finds its row by the unique index and
     * locks that row alone. A day's first post takes the list's row first, so that two
     * transactions never both add the day's row.
     */
    void write(EntityManager em) {
        if (archived.isEmpty()) {
            return; // most transactions archive nothing
        }
        for (Map.Entry<Day, Long> counted : archived.entrySet()) {
            Day d = counted.getKey();
            long posts = counted.getValue();
            if (increment(em, d, posts) == 0) {
                ListRow lock = em.find(ListRow.class, d.list(), LockModeType.PESSIMISTIC_WRITE);
                if (lock == null || increment(em, d, posts) == 0) {
                    PostCountRow row = new PostCountRow();
                    row.postDay = d.day();
                    row.listName = d.list();
                    row.delegation = d.delegation();
                    row.posts = posts;
                    em.persist(row);
                }
            }
        }
        archived.clear();
        em.flush();
    }

    private static int increment(EntityManager em, Day d, long posts) {
        // Native: EclipseLink writes a bulk JPQL update as a scan with EXISTS, which locks rows it does not change.
        return em.createNativeQuery("UPDATE POSTCOUNTS SET POSTS = POSTS + ? WHERE POSTDAY = ? AND LISTNAME = ?"
                + " AND DELEGATION = ?").setParameter(1, posts).setParameter(2, d.day()).setParameter(3, d.list())
                .setParameter(4, d.delegation()).executeUpdate();
    }
}
