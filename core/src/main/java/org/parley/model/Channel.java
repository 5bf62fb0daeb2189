package org.parley.model;

import java.util.Locale;

/** How a decision reached us. */
public enum Channel {
    EMAIL, WEB, CLI;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
