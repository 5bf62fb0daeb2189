package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A guest's access to one discussion, through the list of their language. */
@Entity
@Table(name = "INVITATIONS", indexes = {@Index(name = "INVITATIONS_MEMBER", columnList = "MEMBERID,STATE"),
        @Index(name = "INVITATIONS_DISCUSSION", columnList = "DISCUSSIONID,STATE")})
class InvitationRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long memberId;
    long discussionId;
    String listName;
    /** ACTIVE, ENDED (the discussion closed) or REVOKED. */
    String state;
    String invitedBy;
    String decidedBy;
    long createdAt;
    long endedAt;

    protected InvitationRow() {
    }
}
