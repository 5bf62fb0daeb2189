package org.parley.model;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * RFC 4648 base32 without padding, in lower case: the one codec for tokens (which MTAs may
 * fold to lower case inside an address) and permalinks (shown in upper case, as HyperKitty's).
 */
public final class Base32 {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Base32() {
    }

    public static String encode(byte[] data) {
        // Two tokens go into every copy the forum sends, so this stays free of buffers and builders.
        char[] out = new char[(data.length * 8 + 4) / 5];
        int n = 0;
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out[n++] = ALPHABET[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) {
            out[n++] = ALPHABET[(buffer << (5 - bits)) & 31];
        }
        return new String(out, 0, n);
    }

    /** The bytes of a lower-case text; empty if a character is outside the alphabet. */
    public static Optional<byte[]> decode(String text) {
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            int value = c >= 'a' && c <= 'z' ? c - 'a' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (value < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return Optional.of(Arrays.copyOf(out.array(), out.position()));
    }
}
