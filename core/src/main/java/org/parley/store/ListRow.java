package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(name = "LISTS", indexes = @Index(name = "LISTS_ROOM", columnList = "ROOMID"))
class ListRow {
    @Id
    String name;
    String roomId;
    String language;
    /** The room's title in this list's language; null: the room's own title. */
    String title;
    /** hold or reject for this list; null: the forum's parley.moderation.non-member. */
    String nonMember;
    /** Null: copies carry the whole post; else a summary with this many lines (schema version 3). */
    Integer summaryLines;
    /** Null: the forum's digest interval; else days between two digests (schema version 7). */
    Integer digestDays;
    /** Null: the forum's parley.dmarc.action; else munge, munge_cc or wrap, upper-case (schema version 7). */
    String dmarcAction;
    long createdAt;
    /**
     * Changes with every subscription, ended subscription or change of delivery, in the same
     * transaction: a fan-out reuses the roster it stored for the version it reads.
     */
    long rosterVersion;

    protected ListRow() {
    }
}
