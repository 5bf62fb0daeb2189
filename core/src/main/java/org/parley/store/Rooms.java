package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.model.ForumList;
import org.parley.model.NonMemberAction;
import org.parley.model.Room;

/** Rooms and their language lists. */
public final class Rooms {
    private static final String LIST_VIEW = "SELECT l.name, l.roomId, l.language, COALESCE(l.title, r.title), l.nonMember, l.summaryLines, l.digestDays, l.dmarcAction FROM ListRow l, RoomRow r"
            + " WHERE r.id = l.roomId";

    private final EntityManager em;

    Rooms(EntityManager em) {
        this.em = em;
    }

    /** Creates a room with one list per language, titled in each where a title is given; false if the room exists. */
    public boolean create(Room room, List<String> languages, Map<String, String> titles, Instant now) {
        if (em.find(RoomRow.class, room.id()) != null) {
            return false;
        }
        RoomRow row = new RoomRow();
        row.id = room.id();
        row.title = room.title();
        row.createdAt = now.toEpochMilli();
        em.persist(row);
        for (String language : languages) {
            addLanguage(room, language, now);
            Optional.ofNullable(titles.get(language)).filter(t -> !t.isBlank())
                    .ifPresent(t -> em.find(ListRow.class, room.listName(language)).title = t.strip());
        }
        return true;
    }

    /** Adds a language list to a room; false if it exists. */
    public boolean addLanguage(Room room, String language, Instant now) {
        String name = room.listName(language);
        if (em.find(ListRow.class, name) != null) {
            return false;
        }
        ListRow list = new ListRow();
        list.name = name;
        list.roomId = room.id();
        list.language = language;
        list.createdAt = now.toEpochMilli();
        em.persist(list);
        return true;
    }

    /** Sets what a list does with non-members' posts; empty: the forum's default. False if no such list. */
    public boolean setNonMember(String list, Optional<NonMemberAction> action) {
        return change(list, row -> row.nonMember = action.map(Enum::name).orElse(null));
    }

    /** Sets what a list's copies carry: empty, the whole post; else a summary with so many lines. */
    public boolean setSummary(String list, Optional<Integer> lines) {
        return change(list, row -> row.summaryLines = lines.orElse(null));
    }

    /** Sets the days between two digests of a list; empty: the forum's interval. */
    public boolean setDigestDays(String list, Optional<Integer> days) {
        return change(list, row -> row.digestDays = days.orElse(null));
    }

    /** Sets how a list's copies meet their authors' DMARC policies; empty: the forum's action. */
    public boolean setDmarcAction(String list, Optional<String> action) {
        return change(list, row -> row.dmarcAction = action.orElse(null));
    }

    /** One of a list's own settings; false if there is no such list. */
    private boolean change(String list, Consumer<ListRow> setting) {
        ListRow row = em.find(ListRow.class, list);
        if (row == null) {
            return false;
        }
        setting.accept(row);
        return true;
    }

    public Optional<Room> room(String id) {
        RoomRow row = em.find(RoomRow.class, id);
        return row == null ? Optional.empty() : Optional.of(new Room(row.id, row.title));
    }

    public Optional<ForumList> list(String name) {
        return em.createQuery(LIST_VIEW + " AND l.name = :name", Object[].class)
                .setParameter("name", name)
                .getResultStream().findFirst().map(Rooms::toList);
    }

    /** The language lists of one room. */
    public List<ForumList> listsOf(String roomId) {
        return em.createQuery(LIST_VIEW + " AND l.roomId = :r ORDER BY l.name", Object[].class)
                .setParameter("r", roomId).getResultStream().map(Rooms::toList).toList();
    }

    public List<ForumList> lists() {
        return em.createQuery(LIST_VIEW + " ORDER BY l.name", Object[].class)
                .getResultStream().map(Rooms::toList).toList();
    }

    private static ForumList toList(Object[] row) {
        return new ForumList((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                Optional.ofNullable((String) row[4]).map(NonMemberAction::valueOf),
                Optional.ofNullable((Number) row[5]).map(Number::intValue),
                Optional.ofNullable((Number) row[6]).map(Number::intValue),
                Optional.ofNullable((String) row[7]));
    }
}
