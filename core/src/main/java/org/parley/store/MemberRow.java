package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

@Entity
@Table(name = "MEMBERS", uniqueConstraints = @UniqueConstraint(name = "MEMBERS_EMAIL", columnNames = "EMAIL"),
        // A fan-out turns member ids into addresses from this index alone, not from the rows.
        indexes = @Index(name = "MEMBERS_ID_EMAIL", columnList = "ID,EMAIL"))
class MemberRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    String email;
    String displayName;
    String delegation;
    String language;
    String memberRole;
    boolean trusted;
    /** Whether the member is a focal point of their delegation (schema version 5). */
    boolean focalPoint;
    /** Comma-separated languages a moderator decides for; null or empty: all. */
    String moderatedLanguages;
    /** Argon2id, as Password4j writes it; null until the member sets a password. */
    @Column(length = 255)
    String passwordHash;
    /** IANA zone for dates on the archive pages; null: UTC. */
    String timeZone;
    long createdAt;
    /** The version of the forum's protocol the member accepted, and when; null: none yet. */
    String protocolVersion;
    long protocolAcceptedAt;

    protected MemberRow() {
    }
}
