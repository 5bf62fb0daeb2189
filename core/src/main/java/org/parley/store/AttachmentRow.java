package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A file part of an archived message, listed at archive time; the bytes stay in the raw message. */
@Entity
@Table(name = "ATTACHMENTS", indexes = @Index(name = "ATTACHMENTS_MESSAGE", columnList = "MESSAGEROWID"))
class AttachmentRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long messageRowId;
    int partIndex;
    String filename;
    String contentType;
    long size;
    String contentId;

    protected AttachmentRow() {
    }
}
