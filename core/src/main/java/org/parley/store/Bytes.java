package org.parley.store;

import java.util.List;

/** Finding a few bytes in stored content, as an erasure looks for a post in what holds copies of it. */
final class Bytes {
    private Bytes() {
    }

    static boolean containsAny(byte[] content, List<byte[]> needles) {
        if (content == null) {
            return false;
        }
        for (byte[] needle : needles) {
            if (indexOf(content, needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] content, byte[] needle) {
        if (needle.length == 0) {
            return -1;
        }
        outer:
        for (int i = 0; i + needle.length <= content.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
