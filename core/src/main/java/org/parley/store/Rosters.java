package org.parley.store;

import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.parley.model.Delivery;

/**
 * Who receives a list's mail, kept once per version of the list's subscriptions and shared
 * by every mailing sent while that version holds, in slices of addresses. Every change to a
 * list's subscriptions changes its version in the same transaction ({@link Members}), so a
 * stored roster is never reused once it is out of date, and a fan-out to 10,000 members
 * writes a few outbox rows instead of reading and writing 10,000 addresses.
 */
final class Rosters {
    /** Stored addresses: the id of their row and how many there are. */
    record Slice(long id, int size) {
    }

    /** A stored roster: its id, whose slices are the {@link RecipientsRow}s that name it, and its size. */
    record Roster(long id, int recipients) {
    }

    /**
     * A list's roster, read from two indexes and no table row. The comments pin those
     * indexes for Derby, which otherwise fetches every member's row; to any other database
     * they are comments.
     */
    private static final String ROSTER = "SELECT m.EMAIL FROM SUBSCRIPTIONS s --DERBY-PROPERTIES index=SUBSCRIPTIONS_LIST\n"
            + ", MEMBERS m --DERBY-PROPERTIES index=MEMBERS_ID_EMAIL\n"
            + " WHERE s.MEMBERID = m.ID AND s.LISTNAME = ? AND s.DELIVERYMODE = ?";

    private final EntityManager em;
    private final int sliceSize;
    private final CurrentRosters currentRosters;

    Rosters(EntityManager em, int sliceSize, CurrentRosters currentRosters) {
        this.em = em;
        this.sliceSize = sliceSize;
        this.currentRosters = currentRosters;
    }

    /** The list's current roster for this delivery, stored now if it was not yet. */
    Roster current(String list, Delivery delivery, Instant now) {
        Optional<Roster> known = currentRosters.get(list, delivery);
        if (known.isPresent()) {
            return known.get();
        }
        Roster roster = currentOf(list, delivery, now);
        currentRosters.put(list, delivery, roster);
        return roster;
    }

    private Roster currentOf(String list, Delivery delivery, Instant now) {
        // The list's version and its roster in one statement: this runs once a transaction that posts.
        Optional<Roster> stored = em.createQuery("SELECT r.id, r.recipients FROM RosterRow r, ListRow l"
                        + " WHERE l.name = :l AND r.listName = l.name AND r.deliveryMode = :d"
                        + " AND r.version = COALESCE(l.rosterVersion, 0) ORDER BY r.id DESC", Object[].class)
                .setParameter("l", list).setParameter("d", delivery.name())
                .getResultStream().findFirst() // a row or two: no setMaxResults, which costs a prepare a run
                .map(r -> new Roster((Long) r[0], (Integer) r[1]));
        if (stored.isPresent()) {
            return stored.get();
        }
        long version = version(list);
        @SuppressWarnings("unchecked")
        List<String> addresses = em.createNativeQuery(ROSTER).setParameter(1, list).setParameter(2, delivery.name())
                .getResultList();
        RosterRow roster = new RosterRow();
        roster.listName = list;
        roster.deliveryMode = delivery.name();
        // A subscription committed while the roster was read may or may not be in it: good
        // enough for this mailing, but not to be reused for the version that follows.
        roster.version = version(list) == version ? version : -1;
        roster.recipients = addresses.size();
        roster.createdAt = now.toEpochMilli();
        em.persist(roster);
        em.flush();
        write(roster.id, addresses);
        return new Roster(roster.id, roster.recipients);
    }

    private long version(String list) {
        Long version = em.createQuery("SELECT COALESCE(l.rosterVersion, 0) FROM ListRow l WHERE l.name = :n", Long.class)
                .setParameter("n", list).getResultStream().findFirst().orElse(0L);
        return version == null ? 0 : version;
    }

    /**
     * Stores addresses in slices (of a roster, or with rosterId 0 of one mailing). One flush
     * for all of them: EclipseLink compares every object of the transaction at each flush,
     * so a flush a slice made a 100,000-member roster cost the square of its 1,000 slices.
     * Their order is their slice number, not their ids.
     */
    List<Slice> write(long rosterId, Collection<String> addresses) {
        List<RecipientsRow> rows = new ArrayList<>();
        ByteArrayOutputStream slice = new ByteArrayOutputStream(RecipientsRow.BYTES);
        int size = 0;
        for (String address : addresses) {
            byte[] line = (address + "\n").getBytes(StandardCharsets.UTF_8);
            if (size == sliceSize || slice.size() + line.length > RecipientsRow.BYTES) {
                rows.add(persist(rosterId, rows.size(), slice.toByteArray(), size));
                slice.reset();
                size = 0;
            }
            slice.writeBytes(line);
            size++;
        }
        if (size > 0) {
            rows.add(persist(rosterId, rows.size(), slice.toByteArray(), size));
        }
        em.flush();
        return rows.stream().map(row -> new Slice(row.id, row.size)).toList();
    }

    private RecipientsRow persist(long rosterId, int index, byte[] addresses, int size) {
        RecipientsRow row = new RecipientsRow();
        row.rosterId = rosterId;
        row.slice = index;
        row.size = size;
        row.addresses = addresses;
        em.persist(row);
        return row;
    }

    /** The address at a position of stored addresses. */
    static Optional<String> at(byte[] addresses, int position) {
        List<String> lines = lines(addresses);
        return position < lines.size() ? Optional.of(lines.get(position)) : Optional.empty();
    }

    static List<String> lines(byte[] addresses) {
        String text = new String(addresses, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
