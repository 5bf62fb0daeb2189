package org.parley.inbound;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text as compared when reading what people type: lower-case, accents and Arabic vowel marks
 * removed, non-breaking spaces made plain, so "Approuvé" reads as "approuve".
 */
public final class PlainText {
    private PlainText() {
    }

    public static String of(String text) {
        String decomposed = Normalizer.normalize(text.replace('\u00a0', ' '), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").strip().toLowerCase(Locale.ROOT);
    }
}
