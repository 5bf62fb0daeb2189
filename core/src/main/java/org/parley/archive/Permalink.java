package org.parley.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The stable name of a message in the archive: base32 of the SHA-1 of its Message-ID
 * without brackets, as Mailman and HyperKitty compute it, so it is known before archiving.
 */
public final class Permalink {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Permalink() {
    }

    public static String hash(String messageId) {
        String bare = messageId.strip();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(bare.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            int buffer = 0;
            int bits = 0;
            for (byte b : digest) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                    bits -= 5;
                }
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL of a message's page: what Archived-At carries. */
    public static String url(String baseUrl, String list, String hash) {
        return baseUrl + "/lists/" + list + "/messages/" + hash;
    }
}
