package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** The audit log: every moderation decision, applied or refused. */
@Entity
@Table(name = "DECISIONS", indexes = @Index(name = "DECISIONS_HELD", columnList = "HELDID"))
class DecisionRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long heldId;
    String listName;
    String actor;
    long decidedAt;
    String verdict;
    @Column(length = 2000)
    String reason;
    String channel;
    @Column(length = 500)
    String outcome;

    protected DecisionRow() {
    }
}
