package org.parley.model;

import java.time.Instant;

/** A stored incoming message waiting to be routed (or already routed). */
public record Arrival(long id, Envelope envelope, Instant receivedAt, long size) {
}
