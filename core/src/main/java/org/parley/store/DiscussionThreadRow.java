package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * The opening message of a discussion in one list. Its thread is read through the
 * message, since threads may merge after the opening.
 */
@Entity
@Table(name = "DISCUSSION_THREADS", indexes = {@Index(name = "DISCUSSION_THREADS_MESSAGE", columnList = "MESSAGEROWID"),
        @Index(name = "DISCUSSION_THREADS_DISCUSSION", columnList = "DISCUSSIONID")})
class DiscussionThreadRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long discussionId;
    String listName;
    long messageRowId;

    protected DiscussionThreadRow() {
    }
}
