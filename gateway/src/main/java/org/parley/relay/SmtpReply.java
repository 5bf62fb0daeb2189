package org.parley.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.parley.listener.LineReader;

/** One SMTP reply, possibly multi-line (RFC 5321 4.2), as read from a server. */
public record SmtpReply(int code, String text) {
    /** Longer than any reply line RFC 5321 (4.5.3.1.5) allows, 512 octets, with room to spare. */
    private static final int MAX_LINE = 4096;

    public boolean ok() {
        return code / 100 == 2;
    }

    /** Reads one whole reply; the text of continuation lines is joined with newlines. */
    public static SmtpReply read(LineReader in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            byte[] bytes = in.readLine(MAX_LINE);
            if (bytes == null) {
                throw new IOException("the server closed the connection");
            }
            String line = new String(bytes, StandardCharsets.ISO_8859_1);
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
}
