package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A link from an archived post to another language's version of it: a translation, or a copy approved for all. */
@Entity
@Table(name = "VERSIONS",
        uniqueConstraints = @UniqueConstraint(name = "VERSIONS_VERSION", columnNames = "VERSIONID"),
        indexes = @Index(name = "VERSIONS_ORIGINAL", columnList = "ORIGINALID"))
class VersionRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    /** MESSAGES.ID of the post as first written. */
    long originalId;
    /** MESSAGES.ID of the version in another list. */
    long versionId;
    /** TRANSLATION or COPY. */
    String kind;
    /** Who made it: the translator's or the approving moderator's address. */
    String madeBy;
    long createdAt;

    protected VersionRow() {
    }
}
