package org.parley.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The stable name of a message in the archive: upper-case base32 of the SHA-1 of its Message-ID
 * without brackets, as Mailman and HyperKitty compute it, so it is known before archiving.
 */
public final class Permalink {
    private Permalink() {
    }

    public static String hash(String messageId) {
        String bare = messageId.strip();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(bare.getBytes(StandardCharsets.UTF_8));
            return Base32.encode(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL of a message's page: what Archived-At carries. */
    public static String url(String baseUrl, String list, String hash) {
        return baseUrl + "/lists/" + list + "/messages/" + hash;
    }
}
