package org.parley.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.config.SettingsLoader;

/**
 * Where the bench's stores go: embedded Derby in the bench's folder, or, with {@code --db-url},
 * a fresh database of each part's own on that PostgreSQL server (the user needs CREATEDB),
 * dropped when the bench ends, so that a run never touches the forum's own data.
 */
public final class BenchDatabase implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final List<String> made = new ArrayList<>();

    /** url empty: embedded Derby. */
    public BenchDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Which database the report names. */
    String describe() {
        return url.isEmpty() ? "embedded Derby" : "PostgreSQL at " + server();
    }

    /**
     * Brings the planner's statistics of the databases made up to date (PostgreSQL's ANALYZE),
     * as autovacuum keeps them on a forum that has been running. The bench's databases start
     * empty and fill in seconds: a plan the server cached while a table was nearly empty (a
     * sequential scan of the outbox, a thread looked up through the wrong index) lasted until
     * autovacuum next came by, and whether that fell before the measured posts was chance. The
     * bench calls it after each warm-up, so a run measured cold ({@code --warm-up 0}) stays
     * cold here too. Embedded Derby checks its cached plans against the tables' sizes itself.
     */
    void analyze() {
        for (String name : made) {
            try (Connection c = DriverManager.getConnection(server() + "/" + name, user, password);
                 Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            } catch (SQLException e) {
                throw new AdminException("the bench could not analyze its database " + name + " on PostgreSQL at "
                        + server() + ": " + firstLine(e), ExitCode.UNAVAILABLE);
            }
        }
    }

    /** What the server said, its first line: PostgreSQL adds detail and hints on lines of their own. */
    private static String firstLine(SQLException e) {
        return e.getMessage().lines().findFirst().orElse("");
    }

    private String server() {
        String rest = url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        return rest.substring(0, rest.lastIndexOf('/'));
    }

    /** The loader with this part's store: a new database on the server, or the folder's own. */
    SettingsLoader apply(SettingsLoader loader, String part) throws SQLException {
        if (url.isEmpty()) {
            return loader;
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--db-url takes jdbc:postgresql://HOST:PORT/DATABASE, not " + url);
        }
        String name = "parley_bench_" + part.toLowerCase(Locale.ROOT) + "_" + ProcessHandle.current().pid() + "_"
                + made.size();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw unusable(e);
        }
        made.add(name);
        return loader.set("parley.db.url", server() + "/" + name).set("parley.db.user", user)
                .set("parley.db.password", password);
    }

    /** Whether the server answers, before any part is set up: one line and exit 69 when not. */
    public void check() {
        if (url.isEmpty()) {
            return;
        }
        try {
            DriverManager.getConnection(url, user, password).close(); // it answers, and takes the user
        } catch (SQLException e) {
            throw unusable(e);
        }
    }

    private AdminException unusable(SQLException e) {
        return new AdminException("the bench cannot make its databases on PostgreSQL at " + server() + " as " + user
                + ": " + firstLine(e) + " (check --db-url, --db-user and --db-password;"
                + " the user needs CREATEDB)", ExitCode.UNAVAILABLE);
    }

    /** Drops the databases made; one line naming those left (and exit 69) if it cannot. */
    @Override
    public void close() {
        if (made.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ours = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE datname = ? AND usename = current_user AND pid <> pg_backend_pid()");
             Statement s = c.createStatement()) {
            for (String name : made) {
                // Only the bench's own connections are ended here (a server it stopped may not have
                // closed its pool yet). Not WITH (FORCE): that fails, for want of the right to
                // signal it, when an autovacuum worker is in the database after a long run, where
                // a plain DROP DATABASE ends the worker itself.
                ours.setString(1, name);
                ours.executeQuery().close();
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            throw new AdminException("the bench could not drop its databases on PostgreSQL at " + server() + ": "
                    + firstLine(e) + " (drop " + String.join(", ", made)
                    + " by hand)", ExitCode.UNAVAILABLE);
        }
        made.clear();
    }
}
