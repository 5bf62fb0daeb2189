package org.parley.model;

import java.util.Locale;

/** What a member may do in the forum. */
public enum Role {
    DELEGATE, TRANSLATOR, MODERATOR, CHIEF_MODERATOR, ADMIN, GUEST;

    /** Moderators (of their languages), chief moderators and administrators decide held posts. */
    public boolean moderates() {
        return this == MODERATOR || this == CHIEF_MODERATOR || this == ADMIN;
    }

    /** Whether the role moderates every language, whatever languages the member was given. */
    public boolean moderatesAllLanguages() {
        return this == CHIEF_MODERATOR || this == ADMIN;
    }

    /** Translators and moderators may send translations of posts. */
    public boolean translates() {
        return this == TRANSLATOR || moderates();
    }

    /** As written on the command line and in CSV files: {@code chief-moderator}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads a role as typed on the command line; {@code admin} and {@code administrator} both work. */
    public static Role parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (value.equals("ADMINISTRATOR")) {
            return ADMIN;
        }
        if (value.equals("CHIEF")) {
            return CHIEF_MODERATOR;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text
                    + "' (delegate, translator, moderator, chief-moderator, admin, guest)");
        }
    }
}
