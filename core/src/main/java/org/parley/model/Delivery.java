package org.parley.model;

/** How a subscriber receives a list's posts. */
public enum Delivery {
    /** Every approved post, as it is approved. */
    EACH,
    /** A weekly digest. */
    DIGEST,
    /** Nothing by mail; the member reads the archive. */
    NONE
}
