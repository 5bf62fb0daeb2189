package org.parley.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 6376 "relaxed" canonicalisation of header fields and bodies, over the bytes as they
 * will be sent (header bytes read as ISO-8859-1, so that 8-bit bytes pass through unchanged).
 */
final class Canonical {
    private Canonical() {
    }

    /** A header field as it stands in a message, folding and all, without its final line break. */
    record Field(String name, String raw) {
        String relaxed() {
            int colon = raw.indexOf(':');
            return name.toLowerCase(Locale.ROOT) + ":" + relaxedValue(raw.substring(colon + 1)) + "\r\n";
        }
    }

    static String relaxedValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                continue; // unfolding
            }
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    /** The header fields of a message, in order; empty when it has no header. */
    static List<Field> fields(byte[] message) {
        String head = new String(message, 0, headerEnd(message), StandardCharsets.ISO_8859_1);
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : head.split("\r?\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current != null) {
                    current.append("\r\n").append(line);
                }
                continue;
            }
            add(fields, current);
            current = line.indexOf(':') > 0 ? new StringBuilder(line) : null;
        }
        add(fields, current);
        return fields;
    }

    private static void add(List<Field> fields, StringBuilder field) {
        if (field != null) {
            String raw = field.toString();
            fields.add(new Field(raw.substring(0, raw.indexOf(':')).strip(), raw));
        }
    }

    /** Where the header ends: the index of the blank line's first byte, or the message's length. */
    static int headerEnd(byte[] m) {
        for (int i = 0; i < m.length; i++) {
            if (m[i] == '\n' && i + 1 < m.length && (m[i + 1] == '\n' || m[i + 1] == '\r' && i + 2 < m.length && m[i + 2] == '\n')) {
                return i + 1;
            }
        }
        return m.length;
    }

    /** Where the body starts, after the blank line; the message's length when there is none. */
    static int bodyStart(byte[] m) {
        int end = headerEnd(m);
        if (end >= m.length) {
            return m.length;
        }
        return m[end] == '\r' ? Math.min(m.length, end + 2) : end + 1;
    }

    /** SHA-256 of the relaxed body: runs of white space one space, none at line ends, no empty lines at the end. */
    static byte[] bodyHash(byte[] message) {
        MessageDigest sha = sha256();
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int emptyLines = 0;
        int start = bodyStart(message);
        int i = start;
        while (i < message.length) {
            int eol = i;
            while (eol < message.length && message[eol] != '\n') {
                eol++;
            }
            int end = eol > i && message[eol - 1] == '\r' && eol < message.length ? eol - 1 : eol;
            relaxLine(message, i, end, line);
            if (line.size() == 0) {
                emptyLines++;
            } else {
                for (; emptyLines > 0; emptyLines--) {
                    sha.update(CRLF);
                }
                sha.update(line.toByteArray());
                sha.update(CRLF);
            }
            line.reset();
            i = eol + 1;
        }
        return sha.digest();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static void relaxLine(byte[] m, int from, int to, ByteArrayOutputStream out) {
        boolean space = false;
        for (int i = from; i < to; i++) {
            byte b = m[i];
            if (b == ' ' || b == '\t') {
                space = true;
                continue;
            }
            if (space) {
                out.write(' ');
                space = false;
            }
            out.write(b);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
