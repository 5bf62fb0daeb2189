package org.parley.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns bytes into text the way a mail client would: the declared charset when it is
 * known and fits, else UTF-8 when the bytes are valid UTF-8, else windows-1252 (which
 * every byte decodes in), so nothing becomes question marks silently.
 */
public final class TextDecoding {
    // Labels seen in real mail that Java does not know, or knows under a narrower name.
    private static final Map<String, String> ALIASES = Map.of(
            "gb2312", "GBK",
            "ks_c_5601-1987", "x-windows-949",
            "iso-8859-8-i", "ISO-8859-8",
            "unicode-1-1-utf-7", "UTF-8",
            "ascii", "US-ASCII",
            "us-ascii", "windows-1252",
            "iso-8859-1", "windows-1252",
            "latin1", "windows-1252");

    private TextDecoding() {
    }

    /** The decoded text and whether the declared charset was used as is. */
    public record Decoded(String text, String charsetUsed, boolean asDeclared) {
    }

    public static Decoded decode(byte[] bytes, String declared) {
        String label = declared == null ? "" : declared.trim().toLowerCase(Locale.ROOT);
        Charset charset = charset(label);
        if (charset != null) {
            String strict = strict(bytes, charset);
            if (strict != null) {
                return new Decoded(strict, charset.name(), true);
            }
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return new Decoded(utf8, "UTF-8", label.isEmpty() || label.equals("utf-8"));
        }
        boolean unicodeOrAscii = charset == null || charset.equals(StandardCharsets.UTF_8)
                || charset.name().equals("US-ASCII");
        if (!unicodeOrAscii) {
            return new Decoded(new String(bytes, charset), charset.name(), false);
        }
        // Not UTF-8 after all: mail clients then read the bytes as windows-1252, and so do we.
        return new Decoded(new String(bytes, Charset.forName("windows-1252")), "windows-1252", false);
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

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
