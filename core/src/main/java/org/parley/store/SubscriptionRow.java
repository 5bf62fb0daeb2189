package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.parley.model.Delivery;
import org.parley.model.Subscription;

@Entity
@Table(name = "SUBSCRIPTIONS",
        uniqueConstraints = @UniqueConstraint(name = "SUBSCRIPTIONS_MEMBER_LIST", columnNames = {"MEMBERID", "LISTNAME"}),
        // With MEMBERID in it, a fan-out reads a list's roster from this index alone.
        indexes = {@Index(name = "SUBSCRIPTIONS_LIST", columnList = "LISTNAME,DELIVERYMODE,MEMBERID"),
            // The chores find the subscriptions bounces stopped without reading the others.
            @Index(name = "SUBSCRIPTIONS_STOPPED", columnList = "DELIVERYMODE,WARNEDAT")})
class SubscriptionRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long memberId;
    String listName;
    /** A {@link org.parley.model.Delivery}, or {@link #STOPPED} while bounces stop delivery. */
    String deliveryMode;
    long createdAt;
    /** Bounce points (one a day at most), the last counted bounce, and the warnings sent since delivery stopped. */
    int bounceScore;
    long lastBounceAt;
    /** The delivery the member chose, kept while bounces stop it. */
    String resumeMode;
    long stoppedAt;
    int warnings;
    long warnedAt;

    /** Not a delivery a member chooses: the roster (which reads this column) leaves such a subscription out. */
    static final String STOPPED = "STOPPED";

    Delivery delivery() {
        return Delivery.valueOf(STOPPED.equals(deliveryMode) ? resumeMode : deliveryMode);
    }

    Subscription toSubscription() {
        return new Subscription(memberId, listName, delivery(), STOPPED.equals(deliveryMode));
    }

    protected SubscriptionRow() {
    }
}
