package org.parley.archive;

import java.util.Base64;
import java.util.HexFormat;

/**
 * Outlook's Thread-Index: base64 of a 22-byte conversation header plus 5 bytes per reply.
 * Messages with the same first 22 bytes belong to one conversation, even without References.
 */
public final class ThreadIndex {
    private ThreadIndex() {
    }

    public static String conversation(String header) {
        if (header == null || header.isBlank()) {
            return "";
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(header.strip());
            return bytes.length < 22 ? "" : HexFormat.of().formatHex(bytes, 0, 22);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
