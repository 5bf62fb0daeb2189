package org.parley.model;

/**
 * A text cut to the length a column or a header line allows. Counted in chars, as the columns
 * are, and never between the two halves of a surrogate pair: half an emoji is not a char any
 * database or mail client can show, and PostgreSQL's driver writes it as '?'.
 */
public final class Clip {
    private Clip() {
    }

    /** The text whole if it fits, else its first {@code max} chars or one fewer; null is empty. */
    public static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
