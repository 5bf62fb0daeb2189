package org.parley.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the header of a raw message so that it no longer names a person: the fields
 * that say who wrote it (From, Sender, Reply-To, Return-Path) name the placeholder instead,
 * and the address is replaced in any other field that carries it (Received, To, Cc,
 * DKIM-Signature...). The body is left byte for byte, so its parts stay where they were.
 */
public final class AuthorHeaders {
    private static final Set<String> AUTHOR_FIELDS = Set.of("from", "sender", "reply-to", "return-path",
            "x-original-from", "resent-from", "resent-sender");

    private AuthorHeaders() {
    }

    /** The message with its header rewritten; unchanged if the header never names the address. */
    public static byte[] replace(byte[] raw, String address, String name, String placeholder) {
        int end = headerEnd(raw);
        // ISO-8859-1 maps each byte to one char and back, so a header with 8-bit bytes survives as it was.
        String header = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String lower = address.toLowerCase(Locale.ROOT);
        if (!header.toLowerCase(Locale.ROOT).contains(lower)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(header.length());
        for (String field : fields(header)) {
            int colon = field.indexOf(':');
            String fieldName = colon > 0 ? field.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
            if (!field.toLowerCase(Locale.ROOT).contains(lower)) {
                out.append(field);
            } else if (AUTHOR_FIELDS.contains(fieldName)) {
                String eol = field.endsWith("\r\n") ? "\r\n" : "\n";
                out.append(field, 0, colon).append(": ")
                        .append(fieldName.equals("return-path") ? "<" + placeholder + ">" : name + " <" + placeholder + ">")
                        .append(eol);
            } else {
                out.append(field.replaceAll("(?i)" + Pattern.quote(address),
                        Matcher.quoteReplacement(placeholder)));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length);
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.write(raw, end, raw.length - end);
        return bytes.toByteArray();
    }

    /** Where the header ends: after its last line, before the empty line (or the whole message if there is none). */
    private static int headerEnd(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i + 1 < raw.length && raw[i + 1] == '\n'
                    || i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n')) {
                return i + 1;
            }
        }
        return raw.length;
    }

    /** The header's fields, each with its folded lines and line ends. */
    private static List<String> fields(String header) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int start = 0;
        while (start < header.length()) {
            int nl = header.indexOf('\n', start);
            String line = nl < 0 ? header.substring(start) : header.substring(start, nl + 1);
            start = nl < 0 ? header.length() : nl + 1;
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && field.length() > 0) {
                field.append(line);
            } else {
                if (field.length() > 0) {
                    fields.add(field.toString());
                }
                field.setLength(0);
                field.append(line);
            }
        }
        if (field.length() > 0) {
            fields.add(field.toString());
        }
        return fields;
    }
}
