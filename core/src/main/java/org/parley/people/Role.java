package org.parley.people;

import java.util.Locale;

/** What a member may do in the forum. */
public enum Role {
    DELEGATE, MODERATOR, ADMIN, GUEST;

    /** Moderators and administrators decide held posts. */
    public boolean moderates() {
        return this == MODERATOR || this == ADMIN;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a role as typed on the command line; {@code admin} and {@code administrator} both work. */
    public static Role parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        if (value.equals("ADMINISTRATOR")) {
            return ADMIN;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text + "' (delegate, moderator, admin, guest)");
        }
    }
}
