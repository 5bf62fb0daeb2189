package org.parley.model;

/** A member on a list, with how they receive it. */
public record Subscription(long memberId, String list, Delivery delivery) {
}
