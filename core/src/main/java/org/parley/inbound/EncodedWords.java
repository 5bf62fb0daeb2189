package org.parley.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words with the same charset labels, aliases and guesses as bodies
 * ({@link TextDecoding}), so a Subject reads the same in the archive, a notice and a list copy,
 * whatever label a script wrote ({@code =?eucgb2312_cn?b?...?=}). Adjacent words are joined
 * before decoding, since clients split multi-byte characters across them; a broken word is
 * left as written, never dropped.
 */
public final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("[ \\t\\r\\n]*");

    private EncodedWords() {
    }

    public static String decode(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (!value.contains("=?")) {
            return value;
        }
        Matcher m = WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int last = 0;
        String runCharset = null;
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        while (m.find()) {
            String between = value.substring(last, m.start());
            boolean adjacent = runCharset != null && BETWEEN_WORDS.matcher(between).matches();
            String label = label(m.group(1));
            byte[] bytes = bytes(m.group(2), m.group(3));
            if (bytes == null) {
                flush(out, runCharset, run);
                runCharset = null;
                out.append(between).append(m.group());
            } else if (adjacent && label.equals(runCharset)) {
                run.writeBytes(bytes);
            } else {
                flush(out, runCharset, run);
                if (!adjacent) {
                    out.append(between);
                }
                runCharset = label;
                run.writeBytes(bytes);
            }
            last = m.end();
        }
        flush(out, runCharset, run);
        return out.append(value, last, value.length()).toString();
    }

    /** Whether an encoded word names its charset by a label Java itself does not know. */
    public static boolean hasUncommonLabel(String value) {
        Matcher m = WORD.matcher(value);
        while (m.find()) {
            try {
                if (!Charset.isSupported(label(m.group(1)))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
        return false;
    }

    /** The charset label without an RFC 2231 language ({@code utf-8*fr}). */
    private static String label(String charset) {
        int star = charset.indexOf('*');
        return (star < 0 ? charset : charset.substring(0, star)).toLowerCase(Locale.ROOT);
    }

    private static void flush(StringBuilder out, String charset, ByteArrayOutputStream run) {
        if (charset != null && run.size() > 0) {
            out.append(TextDecoding.decode(run.toByteArray(), charset).text());
        }
        run.reset();
    }

    private static byte[] bytes(String encoding, String text) {
        try {
            if (encoding.equalsIgnoreCase("b")) {
                return Base64.getMimeDecoder().decode(text.replace("=", "").getBytes(StandardCharsets.US_ASCII));
            }
            return quotedPrintable(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The "Q" encoding: quoted-printable where an underscore stands for a space. */
    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '=') {
                throw new IllegalArgumentException("truncated escape");
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
