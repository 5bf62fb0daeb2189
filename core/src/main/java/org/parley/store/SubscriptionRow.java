package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

@Entity
@Table(name = "SUBSCRIPTIONS",
        uniqueConstraints = @UniqueConstraint(name = "SUBSCRIPTIONS_MEMBER_LIST", columnNames = {"MEMBERID", "LISTNAME"}),
        // With MEMBERID in it, a fan-out reads a list's roster from this index alone.
        indexes = @Index(name = "SUBSCRIPTIONS_LIST", columnList = "LISTNAME,DELIVERYMODE,MEMBERID"))
class SubscriptionRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long memberId;
    String listName;
    String deliveryMode;
    long createdAt;

    protected SubscriptionRow() {
    }
}
