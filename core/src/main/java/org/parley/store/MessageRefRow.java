package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One Message-ID an archived message names in In-Reply-To or References: how threads find each other. */
@Entity
@Table(name = "MESSAGE_REFS", indexes = {
        @Index(name = "MESSAGE_REFS_REFID", columnList = "REFID,LISTNAME"),
        @Index(name = "MESSAGE_REFS_MESSAGE", columnList = "MESSAGEROWID")})
class MessageRefRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long messageRowId;
    String listName;
    @Column(length = 998)
    String refId;

    protected MessageRefRow() {
    }
}
