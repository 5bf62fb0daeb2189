package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(name = "HELD", indexes = {@Index(name = "HELD_LIST_STATE", columnList = "LISTNAME,STATE"),
        @Index(name = "HELD_STATE_ESCALATED", columnList = "STATE,ESCALATEDAT,HELDAT")})
class HeldRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long inboundId;
    String listName;
    String sender;
    @Column(length = 998)
    String messageId;
    @Column(length = 998)
    String subject;
    @Column(length = 1000)
    String reasons;
    long heldAt;
    /** When the chief moderators were told it waits too long; 0: not yet. */
    long escalatedAt;
    String state;
    String decidedBy;
    long decidedAt;
    String channel;
    @Column(length = 2000)
    String decisionReason;

    protected HeldRow() {
    }
}
