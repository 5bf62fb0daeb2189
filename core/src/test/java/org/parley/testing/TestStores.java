package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.parley.config.SettingsLoader;

/**
 * Where a test's store lives: in its temporary folder (embedded Derby) by default, or, when
 * {@code PARLEY_TEST_POSTGRES} names a PostgreSQL server ({@code jdbc:postgresql://HOST:PORT}),
 * in a database of its own there, named after the folder, so that a forum restarted on the
 * same folder finds its data again. With {@code PARLEY_TEST_POSTGRES=auto} the tests start a
 * throw-away cluster of Debian's PostgreSQL in a temporary folder, once per test JVM (the
 * build does so where the {@code postgresql} package is installed: the suites run both ways).
 */
public final class TestStores {
    private static String started;

    private TestStores() {
    }

    public static SettingsLoader in(SettingsLoader loader, Path dir) {
        String server = System.getenv("PARLEY_TEST_POSTGRES");
        if (server == null || server.isBlank()) {
            return loader;
        }
        return onPostgres(loader, dir, server);
    }

    /** Whether Debian's PostgreSQL is there to start a throw-away cluster from. */
    public static boolean postgresInstalled() {
        String server = System.getenv("PARLEY_TEST_POSTGRES");
        return (server != null && !server.isBlank() && !server.equals("auto"))
                || Files.isDirectory(Path.of("/usr/lib/postgresql"));
    }

    /**
     * A database of this folder's own on PostgreSQL whatever the run: the server that
     * PARLEY_TEST_POSTGRES names, else a throw-away cluster (for tests of what only a shared
     * database can do, such as several nodes).
     */
    public static SettingsLoader onPostgres(SettingsLoader loader, Path dir) {
        String server = System.getenv("PARLEY_TEST_POSTGRES");
        return onPostgres(loader, dir, server == null || server.isBlank() ? "auto" : server);
    }

    private static SettingsLoader onPostgres(SettingsLoader loader, Path dir, String named) {
        String server = named;
        if (server.equals("auto")) {
            server = cluster();
        }
        String user = System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_USER", "parley");
        String name = "t_" + hash(dir.toAbsolutePath().toString());
        try (Connection c = DriverManager.getConnection(server + "/postgres", user, "")) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet r = exists.executeQuery()) {
                    if (!r.next()) {
                        try (Statement create = c.createStatement()) {
                            create.execute("CREATE DATABASE " + name);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PARLEY_TEST_POSTGRES=" + server + " does not answer: " + e.getMessage(), e);
        }
        return loader.set("parley.db.url", server + "/" + name).set("parley.db.user", user);
    }

    /** A cluster of its own on a free port, stopped and removed when the JVM ends. */
    private static synchronized String cluster() {
        if (started != null) {
            return started;
        }
        try {
            Path bin;
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException(
                                "PARLEY_TEST_POSTGRES=auto needs Debian's postgresql package (no /usr/lib/postgresql/*/bin/initdb)"));
            }
            Path home = Files.createTempDirectory("parley-postgres");
            // PostgreSQL refuses to run as root: then the cluster is the postgres user's.
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres", home.toString()));
            }
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Path data = home.resolve("data");
            run(as(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "parley", "--auth=trust",
                    "-E", "UTF8", "--no-sync"));
            run(as(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("log").toString(),
                    "-w", "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=400", "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(as(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
                    run(List.of("rm", "-rf", home.toString()));
                } catch (IOException | InterruptedException e) {
                    // the JVM is ending; a temporary folder left behind is all it costs
                }
            }));
            started = "jdbc:postgresql://127.0.0.1:" + port;
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL cluster for the tests: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> as(boolean root, String... command) {
        List<String> out = new ArrayList<>();
        if (root) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(command));
        return out;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
