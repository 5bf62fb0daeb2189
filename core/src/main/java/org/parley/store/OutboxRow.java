package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One recipient of one mailing; the unit of delivery, retry and completion. */
@Entity
// One index besides the key: every index is written by each fan-out row and each change of
// state, and the outbox is the hottest table. Leases are read by id range, not by owner.
@Table(name = "OUTBOX", indexes = @Index(name = "OUTBOX_STATE_ID", columnList = "STATE,ID"))
class OutboxRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long mailingId;
    String recipient;
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
