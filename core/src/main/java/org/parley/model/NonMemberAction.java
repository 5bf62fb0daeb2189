package org.parley.model;

/** What becomes of a post from an address that is not a member of the list. */
public enum NonMemberAction { HOLD, REJECT }
