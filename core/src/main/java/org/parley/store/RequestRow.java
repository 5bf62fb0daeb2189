package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Something a participant asked for: to join, a topic, a guest, an erasure, to be forgotten. */
@Entity
@Table(name = "REQUESTS", indexes = @Index(name = "REQUESTS_STATE", columnList = "STATE,KIND"))
class RequestRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    String kind;
    String listName;
    String requester;
    String requesterName;
    /** The language the request was written in: the answer's. */
    String language;
    @Column(length = 998)
    String title;
    @Column(length = 8000)
    String body;
    String guestEmail;
    String guestName;
    String guestOrganisation;
    long discussionId;
    String state;
    String decidedBy;
    long decidedAt;
    @Column(length = 2000)
    String reason;
    long createdAt;
    /** The Member State whose focal points see it first (schema version 5); empty: none. */
    @Column(length = 80)
    String delegation;
    /** The archived post an erasure request is about (schema version 5). */
    long targetId;
    /** Whether a member asking to be forgotten asked that their posts be erased too (schema version 5). */
    boolean erasePosts;

    protected RequestRow() {
    }
}
