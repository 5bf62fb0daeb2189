package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A web session; the id is the SHA-256 of the cookie value, so a stolen database opens no session. */
@Entity
@Table(name = "WEB_SESSIONS", indexes = @Index(name = "WEB_SESSIONS_MEMBER", columnList = "MEMBERID"))
class SessionRow {
    @Id
    String idHash;
    long memberId;
    String csrf;
    long createdAt;
    long lastSeenAt;

    protected SessionRow() {
    }
}
