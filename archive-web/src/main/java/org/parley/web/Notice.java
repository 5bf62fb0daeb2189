package org.parley.web;

/** A page that only says one thing: an error, or that something was done; {@code kind} is its CSS class. */
record Notice(String heading, String kind, String text) {
    static Notice error(String text) {
        return new Notice("", "error", text);
    }

    static Notice done(String heading, String text) {
        return new Notice(heading, "notice", text);
    }
}
