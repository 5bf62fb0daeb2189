package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A failed login, counted per account and per address for rate limiting, in the store so every node sees it. */
@Entity
@Table(name = "LOGIN_FAILURES", indexes = @Index(name = "LOGIN_FAILURES_KEY", columnList = "LIMITKEY,FAILEDAT"))
class LoginFailureRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    String limitKey;
    long failedAt;

    protected LoginFailureRow() {
    }
}
