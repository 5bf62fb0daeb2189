package org.parley.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * This node's name in the outbox's leases: its host and its data folder. Two processes of
 * one node cannot run at once (the data folder is theirs), so a new process may take back
 * at start whatever a lease of its node's name still holds.
 */
public final class Node {
    private Node() {
    }

    /** HOST-HASH, the hash of the data folder's absolute path, in characters LIKE takes literally. */
    public static String name(Path dataDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        // Only letters, digits, dots and hyphens: the name is matched with LIKE, where _ and % are wild.
        String safeHost = host.replaceAll("[^A-Za-z0-9.-]", "-");
        return safeHost + "-" + shortHash(dataDir.toAbsolutePath().normalize().toString());
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
