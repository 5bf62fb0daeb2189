package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A topic opened by a moderator in a room for a period: the weekly discussion. */
@Entity
@Table(name = "DISCUSSIONS", indexes = {@Index(name = "DISCUSSIONS_STATE_START", columnList = "STATE,STARTSAT"),
        @Index(name = "DISCUSSIONS_ROOM", columnList = "ROOMID,STARTSAT")})
class DiscussionRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    String roomId;
    long startsAt;
    long endsAt;
    /** SCHEDULED, OPEN or CLOSED. */
    String state;
    String createdBy;
    long createdAt;
    long openedAt;
    long closedAt;

    protected DiscussionRow() {
    }
}
