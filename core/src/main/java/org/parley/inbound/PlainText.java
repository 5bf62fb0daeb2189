package org.parley.inbound;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as compared when reading what people type: lower-case, accents and Arabic vowel marks
 * removed, non-breaking spaces made plain, so "Approuvé" reads as "approuve".
 */
public final class PlainText {
    private static final Pattern MARKS = Pattern.compile("\\p{M}");

    private PlainText() {
    }

    public static String of(String text) {
        // Most lines are ASCII, which has no accents to remove: no need for the normalizer,
        // which the search index otherwise ran on every line of every post.
        return ascii(text) ? text.strip().toLowerCase(Locale.ROOT) : decomposed(text);
    }

    static String decomposed(String text) {
        String decomposed = Normalizer.normalize(text.replace('\u00a0', ' '), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").strip().toLowerCase(Locale.ROOT);
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
