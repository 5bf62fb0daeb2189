package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Addresses, one per line, that outbox rows send to: a slice of a list's roster (shared by
 * every mailing to that list until its roster changes), or the recipients of one mailing.
 * Written once and never changed; what changes as delivery goes on is in the outbox row.
 */
@Entity
@Table(name = "RECIPIENTS", indexes = @Index(name = "RECIPIENTS_ROSTER", columnList = "ROSTERID,SLICE"))
class RecipientsRow {
    /**
     * UTF-8 in a short binary column that every database keeps in the row; bytes, because
     * Derby logs a long VARCHAR one character at a time.
     */
    static final int BYTES = 32000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    /** The roster this slice belongs to; 0 for the recipients of one mailing. */
    long rosterId;
    int slice;
    int size;
    @Column(length = BYTES)
    byte[] addresses;

    protected RecipientsRow() {
    }
}
