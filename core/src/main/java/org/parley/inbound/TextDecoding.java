package org.parley.inbound;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns bytes into text the way a mail client would: the declared charset when it is
 * known and fits, else UTF-8 when the bytes are valid UTF-8, else the legacy charset
 * that reads best ({@link CharsetGuess}), so nothing becomes question marks silently.
 */
public final class TextDecoding {
    // Labels seen in real mail that Java does not know, or knows under a narrower name.
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("gb2312", "GBK"),
            Map.entry("euc-cn", "GBK"),
            Map.entry("x-euc-cn", "GBK"),
            Map.entry("eucgb2312_cn", "GBK"),
            Map.entry("cp936", "GBK"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("iso-8859-8-i", "ISO-8859-8"),
            Map.entry("unicode-1-1-utf-7", "UTF-8"),
            Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("ascii", "US-ASCII"),
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"));
    /** Labels mail clients put on text without knowing: 8-bit bytes under them are guessed. */
    private static final Set<String> UNTRUSTED = Set.of("us-ascii", "ascii", "unknown-8bit", "x-unknown", "unknown",
            "default", "charset");
    private static final Set<String> WESTERN = Set.of("windows-1252", "ISO-8859-15");
    private static final double MARGIN = 0.5;

    private TextDecoding() {
    }

    /** The decoded text and whether the declared charset was used as is. */
    public record Decoded(String text, String charsetUsed, boolean asDeclared) {
    }

    public static Decoded decode(byte[] bytes, String declared) {
        String label = declared == null ? "" : declared.trim().toLowerCase(Locale.ROOT);
        Charset charset = charset(label);
        boolean unlabelled = charset == null || UNTRUSTED.contains(label);
        if (charset != null && !unlabelled) {
            String strict = CharsetGuess.strict(bytes, charset);
            if (strict != null) {
                return western(charset) ? secondOpinion(bytes, strict, charset) : new Decoded(strict, charset.name(), true);
            }
        }
        if (unlabelled && CharsetGuess.escaped(bytes)) {
            // ISO-2022-JP is 7-bit and so also valid UTF-8; its escape sequences give it away.
            Optional<Decoded> jis = CharsetGuess.guess(bytes);
            if (jis.isPresent()) {
                return jis.get();
            }
        }
        String utf8 = CharsetGuess.strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return new Decoded(utf8, "UTF-8", label.isEmpty() || label.equals("utf-8") || UNTRUSTED.contains(label));
        }
        if (charset != null && !unlabelled && !charset.equals(StandardCharsets.UTF_8)) {
            return new Decoded(new String(bytes, charset), charset.name(), false);
        }
        // No label, a label 8-bit bytes cannot have, or UTF-8 that is not: read it as a mail client would.
        return CharsetGuess.guess(bytes)
                .orElseGet(() -> new Decoded(new String(bytes, Charset.forName("windows-1252")), "windows-1252", false));
    }

    /**
     * A Western label over bytes that read far better in another script (windows-1251
     * Cyrillic sent as iso-8859-1 by an old client) is overruled; otherwise the label stands.
     */
    private static Decoded secondOpinion(byte[] bytes, String declaredText, Charset declared) {
        Optional<Decoded> guess = CharsetGuess.guess(bytes);
        if (guess.isPresent() && !guess.get().charsetUsed().equals(declared.name())
                && CharsetGuess.score(guess.get().text()) > CharsetGuess.score(declaredText) + MARGIN) {
            return guess.get();
        }
        return new Decoded(declaredText, declared.name(), true);
    }

    private static boolean western(Charset charset) {
        return WESTERN.contains(charset.name());
    }

    static Charset charset(String label) {
        if (label.isEmpty()) {
            return null;
        }
        String name = ALIASES.getOrDefault(label, label);
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
