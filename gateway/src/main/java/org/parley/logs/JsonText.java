package org.parley.logs;

/** JSON strings as RFC 8259 writes them, for the log lines and the command line's --json output alike. */
public final class JsonText {
    private JsonText() {
    }

    /** The text as a JSON string: quotes, backslashes and every control character escaped. */
    public static String quote(String text) {
        return quote(new StringBuilder(text.length() + 16), text).toString();
    }

    /** Appends the text as a JSON string. */
    public static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // U+2028 and U+2029 end a line in JavaScript, where JSON is often read.
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
