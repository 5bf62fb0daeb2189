package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A single-use link sent by mail (set password, reset, log in); only its SHA-256 is kept. */
@Entity
@Table(name = "ACCESS_LINKS", indexes = @Index(name = "ACCESS_LINKS_HASH", columnList = "TOKENHASH"))
class AccessLinkRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    String tokenHash;
    String purpose;
    long memberId;
    long createdAt;
    long expiresAt;
    long usedAt;

    protected AccessLinkRow() {
    }
}
