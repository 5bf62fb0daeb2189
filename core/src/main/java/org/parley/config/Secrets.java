package org.parley.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Fills in the forum secret: from the settings, else from DATA-DIR/secret, made on first start. */
public final class Secrets {
    private Secrets() {
    }

    public static Settings ensure(Settings settings, SecureRandom random) {
        if (!settings.secret().isEmpty()) {
            return settings;
        }
        Path file = settings.dataDir().resolve("secret");
        try {
            Files.createDirectories(settings.dataDir());
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                write(file, Base64.getEncoder().encodeToString(key));
            }
            return settings.withSecret(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the secret " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String secret) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
    }
}
