package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** When a list's digest last went out. */
@Entity
@Table(name = "DIGESTS")
class DigestRow {
    @Id
    String listName;
    long lastSentAt;

    protected DigestRow() {
    }
}
