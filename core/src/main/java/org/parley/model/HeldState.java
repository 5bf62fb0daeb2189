package org.parley.model;

/** Where a held message stands. */
public enum HeldState { PENDING, APPROVED, REJECTED, DISCARDED }
