package org.parley.model;

/** A member on a list, with how they chose to receive it, and whether bounces stopped that for now. */
public record Subscription(long memberId, String list, Delivery delivery, boolean stopped) {
    public Subscription(long memberId, String list, Delivery delivery) {
        this(memberId, list, delivery, false);
    }
}
