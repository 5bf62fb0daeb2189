package org.parley.moderation;

/** Where a held message stands. */
public enum HeldState { PENDING, APPROVED, REJECTED, DISCARDED }
