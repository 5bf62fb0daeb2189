package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.parley.archive.ArchivedMessage;

/** The archive's message rows. */
public final class ArchiveRows {
    private static final String VIEW = "SELECT m.id, m.inboundId, m.listName, m.messageId, m.hash, m.sender,"
            + " m.senderName, m.subject, m.sentAt, m.archivedAt, m.threadId, m.inReplyTo, m.refsHeader FROM MessageRow m";

    private final EntityManager em;

    ArchiveRows(EntityManager em) {
        this.em = em;
    }

    /** Stores a message; a thread id of 0 starts a new thread rooted at this message. */
    public ArchivedMessage add(ArchivedMessage message, String bodyText) {
        MessageRow row = new MessageRow();
        row.inboundId = message.arrivalId();
        row.listName = message.list();
        row.messageId = Arrivals.clip(message.messageId(), 998);
        row.hash = message.hash();
        row.sender = Arrivals.clip(message.sender(), 255);
        row.senderName = Arrivals.clip(message.senderName(), 255);
        row.subject = Arrivals.clip(message.subject(), 998);
        row.sentAt = message.sentAt().toEpochMilli();
        row.archivedAt = message.archivedAt().toEpochMilli();
        row.threadId = message.threadId();
        row.inReplyTo = Arrivals.clip(message.inReplyTo(), 998);
        row.refsHeader = Arrivals.clip(message.references(), 4000);
        row.bodyText = bodyText;
        em.persist(row);
        em.flush();
        if (row.threadId == 0) {
            row.threadId = row.id;
        }
        return toMessage(new Object[] {row.id, row.inboundId, row.listName, row.messageId, row.hash, row.sender,
                row.senderName, row.subject, row.sentAt, row.archivedAt, row.threadId, row.inReplyTo, row.refsHeader});
    }

    public boolean contains(String list, String messageId) {
        return em.createQuery("SELECT COUNT(m) FROM MessageRow m WHERE m.listName = :l AND m.messageId = :id", Long.class)
                .setParameter("l", list).setParameter("id", messageId).getSingleResult() > 0;
    }

    /** The thread of the first of these Message-IDs found on the list. */
    public Optional<Long> threadOf(String list, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return em.createQuery("SELECT m.threadId FROM MessageRow m WHERE m.listName = :l AND m.messageId IN :ids"
                        + " ORDER BY m.id", Long.class)
                .setParameter("l", list).setParameter("ids", messageIds).setMaxResults(1)
                .getResultStream().findFirst();
    }

    public Optional<ArchivedMessage> byHash(String hash) {
        return em.createQuery(VIEW + " WHERE m.hash = :h", Object[].class).setParameter("h", hash)
                .setMaxResults(1).getResultStream().findFirst().map(ArchiveRows::toMessage);
    }

    /** The newest messages of a list, a page at a time. */
    public List<ArchivedMessage> latest(String list, int offset, int limit) {
        return em.createQuery(VIEW + " WHERE m.listName = :l ORDER BY m.archivedAt DESC, m.id DESC", Object[].class)
                .setParameter("l", list).setFirstResult(offset).setMaxResults(limit)
                .getResultStream().map(ArchiveRows::toMessage).toList();
    }

    public Optional<String> bodyText(long id) {
        return em.createQuery("SELECT m.bodyText FROM MessageRow m WHERE m.id = :id", String.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    private static ArchivedMessage toMessage(Object[] r) {
        return new ArchivedMessage((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], Instant.ofEpochMilli((Long) r[8]),
                Instant.ofEpochMilli((Long) r[9]), (Long) r[10], (String) r[11], (String) r[12]);
    }
}
