package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Who received a list's mail (with one delivery) while its roster had one version. */
@Entity
@Table(name = "ROSTERS", indexes = @Index(name = "ROSTERS_VERSION", columnList = "LISTNAME,DELIVERYMODE,VERSION"))
class RosterRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    String listName;
    String deliveryMode;
    /** The list's roster version it was read at; -1 if the roster changed while it was read. */
    long version;
    int recipients;
    long createdAt;

    protected RosterRow() {
    }
}
