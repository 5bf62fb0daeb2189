package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** One rendered message to send, once, to the recipients in its outbox rows. */
@Entity
@Table(name = "MAILINGS", indexes = {@Index(name = "MAILINGS_AUTO", columnList = "AUTOREPLYTO,CREATEDAT"),
        @Index(name = "MAILINGS_CLEARED", columnList = "CLEAREDAT,ID")})
class MailingRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    String kind;
    String listName;
    long createdAt;
    /** Set on automatic answers, so their number per address and day can be limited. */
    String autoReplyTo;
    @Lob
    @Column(length = 1073741824)
    byte[] content;
    /** When its content was dropped, every copy being delivered or given up (schema version 2). */
    Long clearedAt;

    protected MailingRow() {
    }
}
