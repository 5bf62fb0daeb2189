package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A bounce that came back to a VERP address, matched to the outbox row it answers. */
@Entity
@Table(name = "BOUNCES", indexes = @Index(name = "BOUNCES_RECIPIENT", columnList = "RECIPIENT"))
class BounceRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long inboundId;
    /** The {@link org.parley.model.CopyKey} of the copy that bounced. */
    long copyKey;
    String listName;
    String recipient;
    long receivedAt;
    /** Whether the delivery failed for good; the status code (e.g. 5.1.1) where the bounce gave one. */
    boolean permanent;
    String status;

    protected BounceRow() {
    }
}
