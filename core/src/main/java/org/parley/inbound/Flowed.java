package org.parley.inbound;

/** Undoes format=flowed (RFC 3676): soft line breaks joined, space-stuffing removed. */
public final class Flowed {
    private Flowed() {
    }

    public static String unflow(String text, boolean delSp) {
        String normal = text.replace("\r\n", "\n");
        String[] lines = (normal.endsWith("\n") ? normal.substring(0, normal.length() - 1) : normal).split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder paragraph = new StringBuilder();
        int paragraphDepth = -1;
        for (String raw : lines) {
            int depth = 0;
            while (depth < raw.length() && raw.charAt(depth) == '>') {
                depth++;
            }
            String line = raw.substring(depth);
            if (line.startsWith(" ")) {
                line = line.substring(1); // space-stuffing
            }
            boolean signature = line.equals("-- ");
            boolean soft = !signature && line.endsWith(" ");
            if (paragraph.length() > 0 && depth != paragraphDepth) {
                flush(out, paragraph, paragraphDepth);
            }
            paragraphDepth = depth;
            paragraph.append(soft && delSp ? line.substring(0, line.length() - 1) : line);
            if (!soft) {
                flush(out, paragraph, depth);
            }
        }
        if (paragraph.length() > 0) {
            flush(out, paragraph, paragraphDepth);
        }
        String result = out.toString();
        return result.endsWith("\n") && !text.endsWith("\n") ? result.substring(0, result.length() - 1) : result;
    }

    private static void flush(StringBuilder out, StringBuilder paragraph, int depth) {
        out.append(">".repeat(Math.max(0, depth))).append(depth > 0 && paragraph.length() > 0 ? " " : "")
                .append(paragraph).append('\n');
        paragraph.setLength(0);
    }
}
