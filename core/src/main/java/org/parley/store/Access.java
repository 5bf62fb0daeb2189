package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/** Passwords, single-use links, sessions and failed logins: what the web's login needs. */
public final class Access {
    /** A live session: whose, its CSRF token, and its times. */
    public record Session(long memberId, String csrf, Instant createdAt, Instant lastSeenAt) {
    }

    private final EntityManager em;

    Access(EntityManager em) {
        this.em = em;
    }

    public Optional<String> passwordHash(long memberId) {
        MemberRow row = em.find(MemberRow.class, memberId);
        return row == null ? Optional.empty() : Optional.ofNullable(row.passwordHash);
    }

    public void setPasswordHash(long memberId, String hash) {
        em.find(MemberRow.class, memberId).passwordHash = hash;
    }

    public void addLink(String tokenHash, String purpose, long memberId, Instant now, Instant expires) {
        AccessLinkRow row = new AccessLinkRow();
        row.tokenHash = tokenHash;
        row.purpose = purpose;
        row.memberId = memberId;
        row.createdAt = now.toEpochMilli();
        row.expiresAt = expires.toEpochMilli();
        em.persist(row);
    }

    /** The member a link is for, if it is unused, unexpired and for this purpose; it is not used up. */
    public Optional<Long> peekLink(String tokenHash, String purpose, Instant now) {
        return em.createQuery("SELECT a.memberId FROM AccessLinkRow a WHERE a.tokenHash = :h AND a.purpose = :p"
                        + " AND a.usedAt = 0 AND a.expiresAt > :now", Long.class)
                .setParameter("h", tokenHash).setParameter("p", purpose).setParameter("now", now.toEpochMilli())
                .getResultStream().findFirst();
    }

    /** Uses a link up: one conditional update, so it works once even if two requests race. */
    public Optional<Long> useLink(String tokenHash, String purpose, Instant now) {
        Optional<Long> member = peekLink(tokenHash, purpose, now);
        if (member.isEmpty()) {
            return member;
        }
        int used = em.createQuery("UPDATE AccessLinkRow a SET a.usedAt = :now WHERE a.tokenHash = :h AND a.purpose = :p"
                        + " AND a.usedAt = 0 AND a.expiresAt > :now")
                .setParameter("now", now.toEpochMilli()).setParameter("h", tokenHash).setParameter("p", purpose)
                .executeUpdate();
        return used == 1 ? member : Optional.empty();
    }

    public void addSession(String idHash, long memberId, String csrf, Instant now) {
        SessionRow row = new SessionRow();
        row.idHash = idHash;
        row.memberId = memberId;
        row.csrf = csrf;
        row.createdAt = now.toEpochMilli();
        row.lastSeenAt = now.toEpochMilli();
        em.persist(row);
    }

    public Optional<Session> session(String idHash) {
        return Optional.ofNullable(em.find(SessionRow.class, idHash)).map(s -> new Session(s.memberId, s.csrf,
                Instant.ofEpochMilli(s.createdAt), Instant.ofEpochMilli(s.lastSeenAt)));
    }

    public void touchSession(String idHash, Instant now) {
        em.createQuery("UPDATE SessionRow s SET s.lastSeenAt = :now WHERE s.idHash = :h")
                .setParameter("now", now.toEpochMilli()).setParameter("h", idHash).executeUpdate();
    }

    public void deleteSession(String idHash) {
        em.createQuery("DELETE FROM SessionRow s WHERE s.idHash = :h").setParameter("h", idHash).executeUpdate();
    }

    /** Ends every session of a member, e.g. after a password change, except one. */
    public void deleteSessionsOf(long memberId, String keepIdHash) {
        em.createQuery("DELETE FROM SessionRow s WHERE s.memberId = :m AND s.idHash <> :keep")
                .setParameter("m", memberId).setParameter("keep", keepIdHash).executeUpdate();
    }

    public void addFailure(String key, Instant now) {
        LoginFailureRow row = new LoginFailureRow();
        row.limitKey = key;
        row.failedAt = now.toEpochMilli();
        em.persist(row);
    }

    /** How often a key failed since a time, and when last (empty when it did not). */
    public record Failures(long count, Optional<Instant> latest) {
    }

    /** The failures under a key since a time, counted and dated in one query. */
    public Failures failures(String key, Instant since) {
        Object[] row = em.createQuery("SELECT COUNT(f), MAX(f.failedAt) FROM LoginFailureRow f"
                        + " WHERE f.limitKey = :k AND f.failedAt >= :t", Object[].class)
                .setParameter("k", key).setParameter("t", since.toEpochMilli()).getSingleResult();
        return new Failures(((Number) row[0]).longValue(),
                Optional.ofNullable((Number) row[1]).map(at -> Instant.ofEpochMilli(at.longValue())));
    }

    public long failuresSince(String key, Instant since) {
        return em.createQuery("SELECT COUNT(f) FROM LoginFailureRow f WHERE f.limitKey = :k AND f.failedAt >= :t",
                Long.class).setParameter("k", key).setParameter("t", since.toEpochMilli()).getSingleResult();
    }
}
