package org.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.testing.TestStores;

/** A smoke run of the benchmark at a tiny size: it works and prints its table. No time is asserted. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTinyBenchmarkRunsBothPartsAndPrintsItsTableAndJson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path json = dir.resolve("bench.json");
        int code = Main.run(new String[] {"bench", "--members", "20", "--posts", "4", "--archive-messages", "60",
                        "--requests", "5", "--data-dir", dir.resolve("data").toString(), "--json", json.toString(),
                        "--no-progress", "--timeout", "60", "--workers", "2", "--routed-posts", "10",
                        "--large-members", "30", "--welcomes", "5"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Map.of());
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        System.out.print(table);
        for (String line : new String[] {"posts accepted per second", "Parley / bare client", "one 20-member fan-out",
            "list page", "thread page", "message page", "peak heap, garbage included", "heap after a collection",
            "2 outbound workers", "bare client (own JVM) on 2 connections/s", "in the sink's JVM (not the yardstick)",
            "one 30-member fan-out", "posts routed per second", "peak process RSS", "embedded Derby",
            "10 posts to a list of two members, after ", "in the first warm-up round, JIT cold",
            "Memory of the server, a JVM of its own (-Xms64m -Xmx512m -XX:+UseSerialGC)",
            "Memory of the bench's own JVM",
            "Memory of the web node, a JVM of its own (-Xms64m -Xmx512m -XX:+UseSerialGC)",
            "5 members imported, a welcome each", "members imported and welcomed per second"}) {
            assertTrue(table.contains(line), line + " missing from\n" + table);
        }
        String figures = Files.readString(json);
        assertTrue(figures.contains("\"deliveries\": 80") && figures.contains("\"workers\": 2")
                && figures.contains("\"archive\"") && figures.contains("\"routing\": {\"posts\": 10")
                && figures.contains("\"warmUpQuiet\": ") && figures.contains("\"bareBesideSinkPerSecond\": ")
                && figures.contains("\"peakHeapAfterGcBytes\": ") && figures.contains("\"welcomes\": {\"members\": 5,")
                && figures.contains("\"server\": {\"javaOptions\": \"-Xms64m -Xmx512m -XX:+UseSerialGC\","
                        + " \"memory\": {\"peakHeapBytes\": "), figures);
        assertTrue(Files.readString(dir.resolve("data/mail/server.log")).contains("parley serving bench.test as all"),
                "the mail part's server ran in a JVM of its own, logging to its own file");
        assertTrue(Files.readString(dir.resolve("data/archive/server.log")).contains("parley serving bench.test as web"),
                "the archive's pages were served by a web node in a JVM of its own");
    }

    @Test
    void theSameFiguresOnPostgresqlInDatabasesOfTheirOwnDroppedAfter() throws Exception {
        assumeTrue(TestStores.postgresInstalled(), "needs Debian's postgresql package");
        Settings db = TestStores.onPostgres(SettingsLoader.defaults(), dir).load();
        Path json = dir.resolve("bench.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--members", "20", "--posts", "4", "--archive-messages", "60",
                        "--requests", "5", "--data-dir", dir.resolve("data").toString(), "--no-progress", "--timeout", "60",
                        "--workers", "2", "--routed-posts", "10", "--large-members", "30", "--welcomes", "5",
                        "--warm-up", "0", // cold: the routing part's rounds until the JIT is quiet are tried above
                        // Unsigned: no key written, so nothing else makes the server's folder first.
                        "--dkim", "none", "--db-url", db.dbUrl(),
                        "--db-user", db.dbUser(), "--json", json.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Map.of());
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        System.out.print(table);
        assertTrue(table.contains("PostgreSQL at jdbc:postgresql://") && table.contains("posts routed per second")
                && table.contains("unsigned") && table.contains("after 0 to warm up (none, JIT cold)"), table);
        String routing = Files.readString(json);
        assertTrue(routing.contains("\"warmUpPosts\": 0,") && routing.contains("\"warmUpQuiet\": false"), routing);
        double routed = number(routing, "routedPerSecond");
        assertEquals(routed, number(routing, "coldRoutedPerSecond"), 0.01, "measured cold: the cold rate is the rate");
        try (Connection c = DriverManager.getConnection(db.dbUrl(), db.dbUser(), "");
             ResultSet r = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM pg_database WHERE datname LIKE 'parley_bench_%'")) {
            r.next();
            assertEquals(0, r.getInt(1), "the bench's databases are dropped");
        }
    }

    /** A number of the bench's JSON, by its key: the first of that name. */
    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aServerThatCannotStartIsNamedWithItsOptionsAndItsLog() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--parts", "mail", "--members", "2", "--posts", "1", "--warm-up", "0",
                        "--routed-posts", "0", "--large-members", "0", "--data-dir", dir.resolve("data").toString(),
                        "--no-progress", "--server-java-options", "-Xbogus"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Map.of());
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(69, code, said);
        assertTrue(said.startsWith("parley: the bench's server stopped with exit code 1 before it answered"
                + " (check --server-java-options)") && said.contains("Unrecognized option: -Xbogus")
                && !said.contains("\tat "), said);
    }

    @Test
    void badSizesGetOneClearLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--parts", "disk"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Map.of());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("parley: --parts takes mail and/or archive"));
        ByteArrayOutputStream noWorkers = new ByteArrayOutputStream();
        assertEquals(2, Main.run(new String[] {"bench", "--workers", "0"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(noWorkers, true, StandardCharsets.UTF_8), Optional.empty(), Map.of()));
        assertEquals("parley: sizes must be at least 1", noWorkers.toString(StandardCharsets.UTF_8).strip());
    }

    private static String failing(int expected, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Map.of());
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, said);
        assertTrue(said.startsWith("parley: ") && said.strip().lines().count() == 1 && !said.contains("internal error"),
                said);
        return said;
    }

    @Test
    void whereItCannotWriteOrCannotReachItsDatabaseItSaysSoBeforeRunning() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertTrue(failing(2, "bench", "--data-dir", file.toString(), "--no-progress").contains(
                "--data-dir " + file + ": cannot make that folder (a file is there)"));
        assertTrue(failing(2, "bench", "--json", dir.resolve("no/such/folder/figures.json").toString(),
                "--no-progress").contains("its folder does not exist or this user may not write there"));
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        assertTrue(failing(69, "bench", "--data-dir", dir.resolve("data").toString(), "--no-progress",
                "--db-url", "jdbc:postgresql://127.0.0.1:" + closed + "/parley").contains(
                "the bench cannot make its databases on PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed
                        + " as parley: "));
    }
}
