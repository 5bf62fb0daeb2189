package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** An archived post. The raw bytes stay in INBOUND; this row is what pages and threads read. */
@Entity
@Table(name = "MESSAGES", indexes = {
        @Index(name = "MESSAGES_LIST_MSGID", columnList = "LISTNAME,MESSAGEID"),
        @Index(name = "MESSAGES_HASH", columnList = "HASH"),
        @Index(name = "MESSAGES_LIST_DATE", columnList = "LISTNAME,ARCHIVEDAT"),
        @Index(name = "MESSAGES_THREAD", columnList = "THREADID")})
class MessageRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long inboundId;
    String listName;
    @Column(length = 998)
    String messageId;
    String hash;
    String sender;
    String senderName;
    @Column(length = 998)
    String subject;
    long sentAt;
    long archivedAt;
    long threadId;
    @Column(length = 998)
    String inReplyTo;
    @Column(length = 4000)
    String refsHeader;
    @Lob
    @Column(length = 1073741824)
    String bodyText;

    protected MessageRow() {
    }
}
