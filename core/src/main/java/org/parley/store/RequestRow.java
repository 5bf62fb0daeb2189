package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Something a participant asked the moderators for: to join, a topic, a guest. */
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

    protected RequestRow() {
    }
}
