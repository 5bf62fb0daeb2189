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
        @Index(name = "MESSAGES_MSGID", columnList = "MESSAGEID,LISTNAME"),
        @Index(name = "MESSAGES_HASH", columnList = "HASH"),
        @Index(name = "MESSAGES_INBOUND", columnList = "INBOUNDID"),
        @Index(name = "MESSAGES_LIST_DATE", columnList = "LISTNAME,ARCHIVEDAT"),
        @Index(name = "MESSAGES_THREAD", columnList = "THREADID,SENTAT"),
        @Index(name = "MESSAGES_SUBJECT_DATE", columnList = "LISTNAME,NORMSUBJECT,ARCHIVEDAT"),
        @Index(name = "MESSAGES_CONVERSATION", columnList = "LISTNAME,CONVERSATION"),
        @Index(name = "MESSAGES_ARCHIVED", columnList = "ARCHIVEDAT,LISTNAME,SENDERDELEGATION")})
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
    String senderDelegation;
    /** The subject without reply prefixes and list tags, lower-case: the JWZ subject key. */
    @Column(length = 998)
    String normSubject;
    /** Outlook's conversation (the first 22 bytes of Thread-Index, hex), or empty. */
    String conversation;
    @Column(length = 998)
    String subject;
    long sentAt;
    long archivedAt;
    long threadId;
    @Column(length = 998)
    String inReplyTo;
    @Column(length = 4000)
    String refsHeader;
    /** The post's text as UTF-8 (schema version 9): Derby writes bytes in one move, characters one at a time. */
    @Lob
    @Column(name = "BODY", length = 1073741824)
    byte[] body;
    /** Set when the post was erased on request (schema version 2). */
    Long erasedAt;
    String erasedBy;
    @Column(length = 2000)
    String erasedReason;

    protected MessageRow() {
    }
}
