package org.parley.distribution;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A text of a list copy, in UTF-8 made ready for the wire: quoted-printable where it is mostly
 * ASCII (English, French, Spanish: readable as it is, 1.04-1.22 bytes a byte), base64 where
 * more than a fifth of its bytes are not, as Thunderbird chooses (Russian, Arabic, Chinese:
 * 1.37 bytes a byte, where quoted-printable takes 2.8).
 */
record TextBody(String transferEncoding, byte[] content) {
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    /** text: lines ending in CRLF. */
    static TextBody of(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int other = 0;
        for (byte b : utf8) {
            other += b < 0 ? 1 : 0;
        }
        if (other * 5 <= utf8.length) {
            return new TextBody("quoted-printable", QuotedPrintable.encode(utf8));
        }
        byte[] lines = LINES.encode(utf8);
        byte[] content = new byte[lines.length + 2];
        System.arraycopy(lines, 0, content, 0, lines.length);
        content[lines.length] = '\r';
        content[lines.length + 1] = '\n';
        return new TextBody("base64", content);
    }

    /** Its Content-Transfer-Encoding header line. */
    String header() {
        return "Content-Transfer-Encoding: " + transferEncoding + "\r\n";
    }
}
