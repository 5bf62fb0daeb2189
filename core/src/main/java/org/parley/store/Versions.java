package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.model.Clip;
import org.parley.model.Version;

/** The language versions of archived posts, linked to the post as first written. */
public final class Versions {
    private static final String VIEW = "SELECT m.id, m.listName, l.language, m.hash, m.threadId FROM MessageRow m,"
            + " ListRow l WHERE l.name = m.listName";

    private final EntityManager em;

    Versions(EntityManager em) {
        this.em = em;
    }

    /** Links a version to the original; a version of a version is linked to the original itself. */
    public void link(long originalId, long versionId, Version.Kind kind, String madeBy, Instant now) {
        VersionRow row = new VersionRow();
        row.originalId = original(originalId);
        row.versionId = versionId;
        row.kind = kind.name();
        row.madeBy = Clip.of(madeBy, 255);
        row.createdAt = now.toEpochMilli();
        em.persist(row);
    }

    /** The post as first written, for a post that may be a version of it. */
    public long original(long messageId) {
        return em.createQuery("SELECT v.originalId FROM VersionRow v WHERE v.versionId = :id", Long.class)
                .setParameter("id", messageId).getResultStream().findFirst().orElse(messageId);
    }

    /** Every version of a post, the original included, in list order. */
    public List<Version> of(long messageId) {
        return ofAll(List.of(messageId)).getOrDefault(messageId, List.of());
    }

    /**
     * The versions of many posts at once (a thread's), in three queries whatever their
     * number: for each post, every version of it, itself and the original included.
     */
    public Map<Long, List<Version>> ofAll(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> originalOf = new HashMap<>();
        for (long id : messageIds) {
            originalOf.put(id, id);
        }
        for (Object[] r : em.createQuery("SELECT v.versionId, v.originalId FROM VersionRow v WHERE v.versionId IN :ids",
                Object[].class).setParameter("ids", messageIds).getResultList()) {
            originalOf.put((Long) r[0], (Long) r[1]);
        }
        Map<Long, Map<Long, String>> family = new HashMap<>();
        for (long original : originalOf.values()) {
            family.computeIfAbsent(original, o -> new LinkedHashMap<>()).put(original, Version.Kind.ORIGINAL.name());
        }
        for (Object[] r : em.createQuery("SELECT v.originalId, v.versionId, v.kind FROM VersionRow v"
                + " WHERE v.originalId IN :o", Object[].class).setParameter("o", family.keySet()).getResultList()) {
            family.get((Long) r[0]).put((Long) r[1], (String) r[2]);
        }
        List<Long> everyone = family.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList();
        Map<Long, Object[]> rows = new HashMap<>();
        for (Object[] r : em.createQuery(VIEW + " AND m.id IN :ids", Object[].class).setParameter("ids", everyone)
                .getResultList()) {
            rows.put((Long) r[0], r);
        }
        Map<Long, List<Version>> out = new HashMap<>();
        for (long id : messageIds) {
            Map<Long, String> kinds = family.get(originalOf.get(id));
            out.put(id, kinds.entrySet().stream().filter(e -> rows.containsKey(e.getKey()))
                    .map(e -> toVersion(rows.get(e.getKey()), e.getValue()))
                    .sorted(Comparator.comparing(Version::list)).toList());
        }
        return out;
    }

    /** The version of a post in one list, if there is one. */
    public Optional<Version> in(long messageId, String list) {
        return of(messageId).stream().filter(v -> v.list().equals(list)).findFirst();
    }

    /** The versions, in one list, of posts known by their Message-IDs in another: to thread a translation. */
    public List<String> messageIdsIn(String fromList, Collection<String> messageIds, String toList) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Object[] r : em.createQuery("SELECT m.id, m.messageId FROM MessageRow m WHERE m.listName = :l"
                + " AND m.messageId IN :ids", Object[].class).setParameter("l", fromList)
                .setParameter("ids", messageIds).getResultList()) {
            in((Long) r[0], toList).flatMap(v -> messageId(v.messageId()))
                    .ifPresent(id -> found.put((String) r[1], id));
        }
        List<String> out = new ArrayList<>();
        for (String id : messageIds) {
            if (found.containsKey(id)) {
                out.add(found.get(id));
            }
        }
        return out;
    }

    /**
     * The threads in other lists that hold versions of this thread's posts: its sister
     * threads. Each query walks an index (thread, version, original, key); an OR over a
     * subquery here made Derby scan every message.
     */
    public Map<String, Long> sisterThreads(long threadId) {
        List<Long> originals = em.createQuery("SELECT v.originalId FROM VersionRow v, MessageRow m"
                + " WHERE v.versionId = m.id AND m.threadId = :t", Long.class).setParameter("t", threadId).getResultList();
        List<Long> roots = new ArrayList<>(originals);
        roots.addAll(em.createQuery("SELECT m.id FROM MessageRow m WHERE m.threadId = :t", Long.class)
                .setParameter("t", threadId).getResultList());
        List<Object[]> found = new ArrayList<>(em.createQuery("SELECT m.listName, m.threadId FROM VersionRow v,"
                + " MessageRow m WHERE v.originalId IN :roots AND m.id = v.versionId", Object[].class)
                .setParameter("roots", roots).getResultList());
        if (!originals.isEmpty()) {
            found.addAll(em.createQuery("SELECT m.listName, m.threadId FROM MessageRow m WHERE m.id IN :ids",
                    Object[].class).setParameter("ids", originals).getResultList());
        }
        Map<String, Long> out = new TreeMap<>();
        for (Object[] r : found) {
            if ((Long) r[1] != threadId) {
                out.putIfAbsent((String) r[0], (Long) r[1]);
            }
        }
        return new LinkedHashMap<>(out);
    }

    private Optional<String> messageId(long id) {
        return em.createQuery("SELECT m.messageId FROM MessageRow m WHERE m.id = :id", String.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    private static Version toVersion(Object[] r, String kind) {
        return new Version((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (Long) r[4],
                Version.Kind.valueOf(kind));
    }
}
