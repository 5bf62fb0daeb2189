package org.parley.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message split into its header fields, each kept as the exact bytes it arrived as, and
 * its body, untouched. Rewriting works on this so that nothing we do not mean to change
 * changes: a signed body stays byte for byte what its author signed.
 */
public final class RawMessage {
    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]");
    private static final Pattern LINE_END = Pattern.compile("\r?\n");

    /** One header field: its name and its whole raw text, folds included, ending in CRLF. */
    public record Field(String name, byte[] raw) {
        public String lowerName() {
            return name.toLowerCase(Locale.ROOT);
        }

        /** The unfolded value, read as UTF-8 where it is valid (RFC 6532), else Latin-1. */
        public String value() {
            String text = TextDecoding.decode(raw, "utf-8").text();
            int colon = text.indexOf(':');
            return unfold(text.substring(colon + 1)).strip();
        }
    }

    private final List<Field> fields;
    private final byte[] source;
    private final int bodyStart;

    private RawMessage(List<Field> fields, byte[] source, int bodyStart) {
        this.fields = fields;
        this.source = source;
        this.bodyStart = bodyStart;
    }

    public static RawMessage parse(byte[] raw) {
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        int fieldStart = -1;
        while (pos < raw.length) {
            int lineEnd = lineEnd(raw, pos);
            int next = lineEnd < raw.length ? lineEnd + 1 : raw.length;
            boolean blank = lineEnd == pos || (lineEnd == pos + 1 && raw[pos] == '\r');
            if (blank) {
                addField(fields, raw, fieldStart, pos);
                return new RawMessage(fields, raw, next);
            }
            boolean continuation = raw[pos] == ' ' || raw[pos] == '\t';
            if (!continuation) {
                addField(fields, raw, fieldStart, pos);
                fieldStart = pos;
            }
            pos = next;
        }
        addField(fields, raw, fieldStart, raw.length);
        return new RawMessage(fields, raw, raw.length);
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return raw.length;
    }

    private static void addField(List<Field> fields, byte[] raw, int start, int end) {
        if (start < 0 || end <= start) {
            return;
        }
        String text = new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return; // not a header field: a stray line the parser would also drop
        }
        String crlf = LINE_END.matcher(text).replaceAll("\r\n");
        if (!crlf.endsWith("\r\n")) {
            crlf += "\r\n";
        }
        fields.add(new Field(text.substring(0, colon).strip(), crlf.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A header value with its folds undone (RFC 5322 2.2.3): each line break before a space or tab is a space. */
    public static String unfold(String value) {
        return FOLD.matcher(value).replaceAll(" ");
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> first(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The body, written to out without a copy in between. */
    public void writeBody(ByteArrayOutputStream out) {
        out.write(source, bodyStart, source.length - bodyStart);
    }

    public byte[] body() {
        return Arrays.copyOfRange(source, bodyStart, source.length);
    }

    public int bodyLength() {
        return source.length - bodyStart;
    }

    /** A header field made from a name and an ASCII (or already encoded) value, folded to fit. */
    public static Field field(String name, String value) {
        return new Field(name, fold(name + ": " + value).getBytes(StandardCharsets.UTF_8));
    }

    private static String fold(String line) {
        if (line.length() <= 78) {
            return line + "\r\n";
        }
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : line.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > 78) {
                out.append("\r\n ");
                lineLength = 1;
            } else if (out.length() > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.append("\r\n").toString();
    }
}
