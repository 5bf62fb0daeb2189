package org.parley.model;

import java.util.regex.Pattern;

/** A category of discussion, offered as one list per language. */
public record Room(String id, String title) {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Room {
        if (id == null || id.length() > 40 || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("room id '" + id
                    + "' must be lower-case letters, digits and single hyphens, at most 40 characters");
        }
        for (ListAddress.Kind kind : ListAddress.Kind.values()) {
            if (!kind.suffix().isEmpty() && (id + "-xx").endsWith(kind.suffix())) {
                throw new IllegalArgumentException("room id '" + id + "' would clash with the " + kind.suffix() + " address");
            }
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a room needs a title");
        }
    }

    /** The name of this room's list in one language. */
    public String listName(String language) {
        return id + "-" + language;
    }
}
