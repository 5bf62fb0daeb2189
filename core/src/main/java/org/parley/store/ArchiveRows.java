package org.parley.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.model.ArchivedMessage;
import org.parley.model.Attachment;
import org.parley.model.Clip;
import org.parley.model.HeldState;
import org.parley.model.ThreadSummary;

/** The archive: messages, the Message-IDs they name, threads and attachments. Pages are read in SQL. */
public final class ArchiveRows {
    private static final String VIEW = "SELECT m.id, m.inboundId, m.listName, m.messageId, m.hash, m.sender,"
            + " m.senderName, m.senderDelegation, m.subject, m.sentAt, m.archivedAt, m.threadId, m.inReplyTo,"
            + " m.refsHeader, m.erasedAt FROM MessageRow m";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    /** The lists that hold a Message-ID, archived or held: by Message-ID alone in the archive, see {@link #seen}. */
    static final String SEEN = "SELECT LISTNAME FROM MESSAGES WHERE MESSAGEID = ?1"
            + " UNION ALL SELECT LISTNAME FROM HELD WHERE LISTNAME = ?2 AND MESSAGEID = ?3 AND STATE = ?4";

    private final EntityManager em;
    /** A database several nodes may share, whose readers do not wait for writers: PostgreSQL. */
    private final boolean shared;
    /** The lists whose rows the transaction holds already: a group of posts to one list takes its row once. */
    private final Set<String> held;
    /** The posts this transaction archived, written to their day's counts as it commits. */
    private final PostCounts counts;

    ArchiveRows(EntityManager em, boolean shared, Set<String> held, PostCounts counts) {
        this.em = em;
        this.shared = shared;
        this.held = held;
        this.counts = counts;
    }

    /**
     * Takes the list's row until the transaction ends, before a post is threaded. Two nodes
     * routing a post and its reply at once would otherwise each miss the other's uncommitted
     * rows (PostgreSQL's readers do not wait for writers) and start two threads; this way the
     * second waits, then sees the first. Derby's readers wait for a writer's rows already, and
     * its one process's pages would wait for the list's row too, so there it takes nothing.
     */
    public void holdList(String list) {
        if (shared && held.add(list)) {
            em.find(ListRow.class, list, LockModeType.PESSIMISTIC_WRITE);
        }
    }

    /** Stores a message and the Message-IDs it names. */
    public ArchivedMessage add(ArchivedMessage message, String bodyText, String normSubject, String conversation,
                               List<String> references) {
        MessageRow row = new MessageRow();
        row.inboundId = message.arrivalId();
        row.listName = message.list();
        row.messageId = Clip.of(message.messageId(), 998);
        row.hash = message.hash();
        row.sender = Clip.of(message.sender(), 255);
        row.senderName = Clip.of(message.senderName(), 255);
        row.senderDelegation = Clip.of(message.senderDelegation(), 255);
        row.subject = Clip.of(message.subject(), 998);
        row.normSubject = Clip.of(normSubject, 998);
        row.conversation = conversation;
        row.sentAt = message.sentAt().toEpochMilli();
        row.archivedAt = message.archivedAt().toEpochMilli();
        row.threadId = message.threadId();
        row.inReplyTo = Clip.of(message.inReplyTo(), 998);
        row.refsHeader = Clip.of(message.references(), 4000);
        row.body = bodyText.getBytes(StandardCharsets.UTF_8);
        em.persist(row);
        em.flush(); // the identity is known only once the row is written
        for (String ref : new HashSet<>(references)) {
            MessageRefRow r = new MessageRefRow();
            r.messageRowId = row.id;
            r.listName = row.listName;
            r.refId = Clip.of(ref, 998);
            em.persist(r);
        }
        counts.add(row.archivedAt, row.listName, row.senderDelegation == null ? "" : row.senderDelegation);
        em.flush();
        return toMessage(new Object[] {row.id, row.inboundId, row.listName, row.messageId, row.hash, row.sender,
                row.senderName, row.senderDelegation, row.subject, row.sentAt, row.archivedAt, row.threadId,
                row.inReplyTo, row.refsHeader, null});
    }

    public void addAttachments(long messageId, List<Attachment> attachments) {
        for (Attachment a : attachments) {
            AttachmentRow row = new AttachmentRow();
            row.messageRowId = messageId;
            row.partIndex = a.part();
            row.filename = Clip.of(a.filename(), 255);
            row.contentType = Clip.of(a.contentType(), 255);
            row.size = a.size();
            row.contentId = Clip.of(a.contentId(), 255);
            em.persist(row);
        }
    }

    /**
     * Whether a post with this Message-ID is in this list's archive already, or waits there for
     * its moderator: both asked in one round trip, as for every post routed. The archive is
     * asked by Message-ID alone, the list checked here (see {@link IndexReplacements#MESSAGE_ID}).
     */
    public boolean seen(String list, String messageId) {
        return em.createNativeQuery(SEEN).setParameter(1, messageId).setParameter(2, list).setParameter(3, messageId)
                .setParameter(4, HeldState.PENDING.name())
                .getResultList().contains(list);
    }

    public boolean contains(String list, String messageId) {
        return em.createQuery("SELECT m.listName FROM MessageRow m WHERE m.messageId = :id", String.class)
                .setParameter("id", messageId).getResultList().contains(list);
    }

    // ---- threading -------------------------------------------------------------------

    /** Threads holding any of these messages; asked by Message-ID alone (see {@link IndexReplacements#MESSAGE_ID}). */
    public Set<Long> threadsOf(String list, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        Set<Long> threads = new HashSet<>();
        em.createQuery("SELECT m.listName, m.threadId FROM MessageRow m WHERE m.messageId IN :ids", Object[].class)
                .setParameter("ids", messageIds).getResultStream()
                .filter(r -> list.equals(r[0])).forEach(r -> threads.add((Long) r[1]));
        return threads;
    }

    /**
     * Threads of messages that name any of these Message-IDs: for a post, its own (replies
     * that arrived before it) and its ancestors' (answers to the same messages, seen or not),
     * asked together.
     */
    public Set<Long> threadsNaming(String list, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("SELECT DISTINCT m.threadId FROM MessageRow m, MessageRefRow r"
                        + " WHERE r.listName = :l AND r.refId IN :ids AND m.id = r.messageRowId", Long.class)
                .setParameter("l", list).setParameter("ids", messageIds).getResultList());
    }

    public Set<Long> threadsOfConversation(String list, String conversation) {
        return new HashSet<>(em.createQuery("SELECT DISTINCT m.threadId FROM MessageRow m WHERE m.listName = :l"
                        + " AND m.conversation = :c", Long.class)
                .setParameter("l", list).setParameter("c", conversation).getResultList());
    }

    /** The most recent thread with this subject key since a moment. */
    public Optional<Long> threadBySubject(String list, String normSubject, Instant since) {
        // SQL's own FETCH FIRST (Derby, PostgreSQL): EclipseLink prepares a JPQL query again at
        // each run once setMaxResults is called on it, and this runs for most posts.
        List<?> ids = em.createNativeQuery("SELECT THREADID FROM MESSAGES WHERE LISTNAME = ?1 AND NORMSUBJECT = ?2"
                        + " AND ARCHIVEDAT >= ?3 ORDER BY ARCHIVEDAT DESC FETCH FIRST 1 ROWS ONLY")
                .setParameter(1, list).setParameter(2, normSubject).setParameter(3, since.toEpochMilli())
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(((Number) ids.get(0)).longValue());
    }

    /**
     * Stores the thread a post starts, its summary already the post's own (one insert, where
     * an empty row and then its summary took two statements); returns the thread's id.
     */
    public long startThread(ArchivedMessage first) {
        ThreadRow row = new ThreadRow();
        row.listName = first.list();
        row.messageCount = 1;
        row.participants = first.sender() == null ? 0 : 1;
        row.startedAt = first.sentAt().toEpochMilli();
        row.startedMonth = MONTH.format(first.sentAt());
        row.lastAt = first.archivedAt().toEpochMilli();
        row.subject = Clip.of(first.subject(), 998);
        row.starter = Clip.of(first.sender(), 255);
        row.starterName = Clip.of(first.senderName(), 255);
        row.starterDelegation = Clip.of(first.senderDelegation(), 255);
        em.persist(row);
        em.flush();
        return row.id;
    }

    public void mergeThreads(long into, Collection<Long> others) {
        em.createQuery("UPDATE MessageRow m SET m.threadId = :into WHERE m.threadId IN :others")
                .setParameter("into", into).setParameter("others", others).executeUpdate();
        em.createQuery("DELETE FROM ThreadRow t WHERE t.id IN :others").setParameter("others", others).executeUpdate();
    }

    /**
     * Counts a post that joined a thread in its summary: one message more, its sender a
     * participant more if new to the thread, its time the last. Two statements, where
     * {@link #refreshThread} read every message of the thread at each reply. A post dated
     * before the thread's first (it becomes the first), or archived before its last (an
     * import out of order, another node's clock), has the summary worked out anew.
     */
    public void joinThread(ArchivedMessage message) {
        String sender = Clip.of(message.sender(), 255);
        long others = em.createQuery("SELECT COUNT(m) FROM MessageRow m WHERE m.threadId = :t AND m.sender = :s"
                        + " AND m.id <> :id", Long.class)
                .setParameter("t", message.threadId()).setParameter("s", sender).setParameter("id", message.id())
                .getSingleResult();
        // Relative, so that two posts joining at once each count (the row's lock orders them).
        // SQL with parameters, no CASE: EclipseLink writes a CASE's values into the statement
        // for Derby, which then compiled it anew for every reply (a fifth of the routing thread).
        int updated = em.createNativeQuery("UPDATE THREADS SET MESSAGECOUNT = MESSAGECOUNT + 1,"
                        + " PARTICIPANTS = PARTICIPANTS + ?1, LASTAT = ?2 WHERE ID = ?3 AND STARTEDAT <= ?4"
                        + " AND LASTAT <= ?2")
                .setParameter(1, others == 0 ? 1 : 0).setParameter(2, message.archivedAt().toEpochMilli())
                .setParameter(3, message.threadId()).setParameter(4, message.sentAt().toEpochMilli())
                .executeUpdate();
        if (updated == 0) {
            refreshThread(message.threadId());
        }
    }

    /** Recomputes a thread's summary from its messages (an indexed range, not the archive). */
    public void refreshThread(long threadId) {
        Object[] stats = em.createQuery("SELECT COUNT(m), COUNT(DISTINCT m.sender), MIN(m.sentAt), MAX(m.archivedAt)"
                + " FROM MessageRow m WHERE m.threadId = :t", Object[].class).setParameter("t", threadId).getSingleResult();
        Object[] first = (Object[]) em.createNativeQuery("SELECT SUBJECT, SENDER, SENDERNAME, SENDERDELEGATION, SENTAT"
                        + " FROM MESSAGES WHERE THREADID = ?1 ORDER BY SENTAT, ID FETCH FIRST 1 ROWS ONLY")
                .setParameter(1, threadId).getSingleResult();
        ThreadRow row = em.find(ThreadRow.class, threadId);
        row.messageCount = ((Long) stats[0]).intValue();
        row.participants = ((Long) stats[1]).intValue();
        row.startedAt = ((Number) first[4]).longValue();
        row.startedMonth = MONTH.format(Instant.ofEpochMilli(row.startedAt));
        row.lastAt = (Long) stats[3];
        row.subject = (String) first[0];
        row.starter = (String) first[1];
        row.starterName = (String) first[2];
        row.starterDelegation = (String) first[3];
    }

    /**
     * Erases a post's content: its subject, text and attachments go, its row stays as the
     * thread's tombstone with when, by whom and why. The thread's subject follows its first
     * post's.
     */
    public void erase(ArchivedMessage message, Instant at, String by, String reason) {
        em.createQuery("UPDATE MessageRow m SET m.body = :nothing, m.subject = '', m.normSubject = '', m.conversation = '',"
                        + " m.erasedAt = :at, m.erasedBy = :by, m.erasedReason = :why WHERE m.id = :id")
                .setParameter("nothing", new byte[0]).setParameter("at", at.toEpochMilli())
                .setParameter("by", Clip.of(by, 255)).setParameter("why", Clip.of(reason, 2000))
                .setParameter("id", message.id()).executeUpdate();
        em.createQuery("DELETE FROM AttachmentRow a WHERE a.messageRowId = :id").setParameter("id", message.id())
                .executeUpdate();
        refreshThread(message.threadId());
    }

    // ---- reading -----------------------------------------------------------------------

    /** The post of a permalink in a list; asked by its hash alone, for the reason {@link IndexReplacements#MESSAGE_ID} gives. */
    public Optional<ArchivedMessage> byHash(String list, String hash) {
        return em.createQuery(VIEW + " WHERE m.hash = :h ORDER BY m.id", Object[].class).setParameter("h", hash)
                .getResultStream().map(ArchiveRows::toMessage).filter(m -> m.list().equals(list)).findFirst();
    }

    /** The archived post of this Message-ID in a list; asked by Message-ID alone (see {@link IndexReplacements#MESSAGE_ID}). */
    public Optional<ArchivedMessage> byMessageId(String list, String messageId) {
        return withMessageId(messageId).stream().filter(m -> m.list().equals(list)).findFirst();
    }

    /** Every archived copy of a Message-ID, in whichever list (a post sent to two lists is archived in both). */
    public List<ArchivedMessage> withMessageId(String messageId) {
        return em.createQuery(VIEW + " WHERE m.messageId = :id ORDER BY m.id", Object[].class)
                .setParameter("id", messageId).getResultStream().map(ArchiveRows::toMessage).toList();
    }

    /** The archived copy of an arrival in a list: how a held post is found once approved. */
    public Optional<ArchivedMessage> byArrival(String list, long arrivalId) {
        return em.createQuery(VIEW + " WHERE m.listName = :l AND m.inboundId = :a", Object[].class)
                .setParameter("l", list).setParameter("a", arrivalId)
                .setMaxResults(1).getResultStream().findFirst().map(ArchiveRows::toMessage);
    }

    /** Every post by an address, oldest first: a full scan, for forgetting a member. */
    public List<ArchivedMessage> bySender(String address) {
        return em.createQuery(VIEW + " WHERE LOWER(m.sender) = :a ORDER BY m.id", Object[].class)
                .setParameter("a", address).getResultStream().map(ArchiveRows::toMessage).toList();
    }

    /** The messages of these ids, in no particular order; ids not (or no longer) archived are left out. */
    public List<ArchivedMessage> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery(VIEW + " WHERE m.id IN :ids", Object[].class).setParameter("ids", ids)
                .getResultStream().map(ArchiveRows::toMessage).toList();
    }

    /** The posts erased at or after this time (by the MESSAGES_ERASED index), for other nodes' indexes. */
    public List<Long> erasedSince(Instant since) {
        return em.createQuery("SELECT m.id FROM MessageRow m WHERE m.erasedAt >= :since", Long.class)
                .setParameter("since", since.toEpochMilli()).getResultList();
    }

    /**
     * The ids of the next posts after an id, archived up to a moment and not erased, in id
     * order: what a search index looks for.
     */
    public List<Long> idsAfter(long id, Instant archivedUpTo, int limit) {
        return em.createQuery("SELECT m.id FROM MessageRow m WHERE m.id > :id AND m.archivedAt <= :upTo"
                        + " AND m.erasedAt IS NULL ORDER BY m.id", Long.class)
                .setParameter("id", id).setParameter("upTo", archivedUpTo.toEpochMilli())
                .setMaxResults(limit).getResultList();
    }

    /** The next messages after an id, in id order: how the search index walks the archive. */
    public List<ArchivedMessage> after(long id, int limit) {
        return em.createQuery(VIEW + " WHERE m.id > :id ORDER BY m.id", Object[].class).setParameter("id", id)
                .setMaxResults(limit).getResultStream().map(ArchiveRows::toMessage).toList();
    }

    /** A list's posts after an id, in id order, optionally sent within [from, to): how an export walks a list. */
    public List<ArchivedMessage> ofList(String list, Optional<Instant> from, Optional<Instant> to, long after, int limit) {
        return em.createQuery(VIEW + " WHERE m.listName = :l AND m.id > :after AND m.sentAt >= :from AND m.sentAt < :to"
                        + " ORDER BY m.id", Object[].class)
                .setParameter("l", list).setParameter("after", after)
                .setParameter("from", from.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE))
                .setParameter("to", to.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE))
                .setMaxResults(limit).getResultStream().map(ArchiveRows::toMessage).toList();
    }

    /** How many messages the archive holds. */
    public long count() {
        return em.createQuery("SELECT COUNT(m) FROM MessageRow m", Long.class).getSingleResult();
    }

    public Optional<ArchivedMessage> byId(long id) {
        return em.createQuery(VIEW + " WHERE m.id = :id", Object[].class).setParameter("id", id)
                .getResultStream().findFirst().map(ArchiveRows::toMessage);
    }

    /** A list's posts archived in a period, oldest first, at most limit: a digest's content. */
    public List<ArchivedMessage> archivedBetween(String list, Instant from, Instant to, int limit) {
        return em.createQuery(VIEW + " WHERE m.listName = :l AND m.archivedAt >= :f AND m.archivedAt < :t"
                        + " ORDER BY m.archivedAt, m.id", Object[].class)
                .setParameter("l", list).setParameter("f", from.toEpochMilli()).setParameter("t", to.toEpochMilli())
                .setMaxResults(limit).getResultStream().map(ArchiveRows::toMessage).toList();
    }

    /** The bodies of some messages, in one query. */
    public Map<Long, String> bodiesOf(Collection<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery("SELECT m.id, m.body FROM MessageRow m WHERE m.id IN :ids", Object[].class)
                .setParameter("ids", ids).getResultList()) {
            out.put((Long) r[0], text((byte[]) r[1]));
        }
        return out;
    }

    /** A page of a list's threads, most recently active first, optionally of one month. */
    public List<ThreadSummary> threads(String list, Optional<String> month, int offset, int limit) {
        String where = month.isPresent() ? " AND t.startedMonth = :month" : "";
        var query = em.createQuery("SELECT t FROM ThreadRow t WHERE t.listName = :l" + where
                + " ORDER BY t.lastAt DESC, t.id DESC", ThreadRow.class).setParameter("l", list);
        month.ifPresent(m -> query.setParameter("month", m));
        return query.setFirstResult(offset).setMaxResults(limit).getResultStream().map(ArchiveRows::toThread).toList();
    }

    public long threadCount(String list, Optional<String> month) {
        String where = month.isPresent() ? " AND t.startedMonth = :month" : "";
        var query = em.createQuery("SELECT COUNT(t) FROM ThreadRow t WHERE t.listName = :l" + where, Long.class)
                .setParameter("l", list);
        month.ifPresent(m -> query.setParameter("month", m));
        return query.getSingleResult();
    }

    /** yyyy-MM -> threads started that month, newest month first. */
    public List<Object[]> months(String list) {
        return em.createQuery("SELECT t.startedMonth, COUNT(t) FROM ThreadRow t WHERE t.listName = :l"
                + " GROUP BY t.startedMonth ORDER BY t.startedMonth DESC", Object[].class).setParameter("l", list)
                .getResultList();
    }

    /** Threads and messages per list, for the home page: list -> {threads, messages}. */
    public Map<String, long[]> counts(Collection<String> lists) {
        Map<String, long[]> out = new HashMap<>();
        if (lists.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery("SELECT t.listName, COUNT(t), SUM(t.messageCount) FROM ThreadRow t"
                + " WHERE t.listName IN :l GROUP BY t.listName", Object[].class).setParameter("l", lists).getResultList()) {
            out.put((String) r[0], new long[] {(Long) r[1], r[2] == null ? 0 : ((Number) r[2]).longValue()});
        }
        return out;
    }

    public Optional<ThreadSummary> thread(long id) {
        return Optional.ofNullable(em.find(ThreadRow.class, id)).map(ArchiveRows::toThread);
    }

    /** The thread next to this one in the list's order: older (next) or newer (previous). */
    public Optional<ThreadSummary> neighbour(ThreadSummary t, boolean older) {
        String cmp = older ? "(t.lastAt < :at OR (t.lastAt = :at AND t.id < :id))"
                : "(t.lastAt > :at OR (t.lastAt = :at AND t.id > :id))";
        String order = older ? " ORDER BY t.lastAt DESC, t.id DESC" : " ORDER BY t.lastAt ASC, t.id ASC";
        return em.createQuery("SELECT t FROM ThreadRow t WHERE t.listName = :l AND " + cmp + order, ThreadRow.class)
                .setParameter("l", t.list()).setParameter("at", t.lastAt().toEpochMilli()).setParameter("id", t.id())
                .setMaxResults(1).getResultStream().findFirst().map(ArchiveRows::toThread);
    }

    /** A thread's messages in date order, without bodies. */
    public List<ArchivedMessage> messagesOf(long threadId) {
        return em.createQuery(VIEW + " WHERE m.threadId = :t ORDER BY m.sentAt, m.id", Object[].class)
                .setParameter("t", threadId).getResultStream().map(ArchiveRows::toMessage).toList();
    }

    public Optional<String> bodyText(long id) {
        return em.createQuery("SELECT m.body FROM MessageRow m WHERE m.id = :id", byte[].class)
                .setParameter("id", id).getResultStream().findFirst().map(ArchiveRows::text);
    }

    private static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** Attachments of these messages, in one query. */
    public List<Attachment> attachments(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT a FROM AttachmentRow a WHERE a.messageRowId IN :ids ORDER BY a.messageRowId,"
                        + " a.partIndex", AttachmentRow.class).setParameter("ids", messageIds).getResultStream()
                .map(a -> new Attachment(a.messageRowId, a.partIndex, a.filename, a.contentType, a.size, a.contentId))
                .toList();
    }

    private static ThreadSummary toThread(ThreadRow t) {
        return new ThreadSummary(t.id, t.listName, t.subject, t.starter, t.starterName, t.starterDelegation,
                Instant.ofEpochMilli(t.startedAt), Instant.ofEpochMilli(t.lastAt), t.messageCount, t.participants);
    }

    private static ArchivedMessage toMessage(Object[] r) {
        return new ArchivedMessage((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], (String) r[8], Instant.ofEpochMilli((Long) r[9]),
                Instant.ofEpochMilli((Long) r[10]), (Long) r[11], (String) r[12], (String) r[13],
                Optional.ofNullable((Long) r[14]).map(Instant::ofEpochMilli));
    }
}
