package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One mailing to a slice of recipients: the unit of claim and retry. Positions below
 * {@code done} have their outcome recorded (delivered, or moved to a row of their own when
 * their delivery failed), so a resumed slice starts where the last commit left it.
 */
@Entity
// One index besides the key: every index is written by each fan-out row and each change of
// state, and the outbox is the hottest table. Leases are read by id range, not by owner.
@Table(name = "OUTBOX", indexes = {@Index(name = "OUTBOX_STATE_ID", columnList = "STATE,ID"),
        @Index(name = "OUTBOX_MAILING", columnList = "MAILINGID,STATE")})
class OutboxRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long mailingId;
    /** The {@link RecipientsRow} this row sends to; the row itself stays small, for it changes. */
    long recipientsId;
    int size;
    int done;
    int delivered;
    String state;
    int attempts;
    long createdAt;
    long nextAttemptAt;
    String leaseOwner;
    long leaseUntil;
    long doneAt;
    @Column(length = 1000)
    String lastError;

    protected OutboxRow() {
    }
}
