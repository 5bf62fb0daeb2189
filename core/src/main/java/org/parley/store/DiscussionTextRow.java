package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A discussion's title and opening text in one language. */
@Entity
@Table(name = "DISCUSSION_TEXTS", uniqueConstraints = @UniqueConstraint(name = "DISCUSSION_TEXTS_LANG",
        columnNames = {"DISCUSSIONID", "LANGUAGE"}))
class DiscussionTextRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long discussionId;
    String language;
    @Column(length = 998)
    String title;
    @Lob
    @Column(length = 1048576)
    String body;

    protected DiscussionTextRow() {
    }
}
