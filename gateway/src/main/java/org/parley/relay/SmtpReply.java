package org.parley.relay;

import java.io.IOException;
import java.io.InputStream;

/** One SMTP reply, possibly multi-line (RFC 5321 4.2), as read from a server. */
public record SmtpReply(int code, String text) {
    public boolean ok() {
        return code / 100 == 2;
    }

    /** Reads one whole reply; the text of continuation lines is joined with newlines. */
    public static SmtpReply read(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = readLine(in);
            int code;
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IOException("bad SMTP reply: '" + line + "'");
            }
            text.append(text.length() > 0 ? "\n" : "").append(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) != '-') {
                return new SmtpReply(code, text.toString());
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            line.append((char) b);
        }
    }
}
