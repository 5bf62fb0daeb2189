package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.testing.TestStores;

/** The bench's own databases on PostgreSQL: made fresh for a part, analyzed when asked, dropped after. */
class BenchDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aPartsDatabaseHasItsStatisticsBroughtUpToDateAndIsDroppedAfter() throws Exception {
        assumeTrue(TestStores.postgresInstalled(), "needs Debian's postgresql package");
        Settings server = TestStores.onPostgres(SettingsLoader.defaults(), dir).load();
        String made;
        try (BenchDatabase db = new BenchDatabase(server.dbUrl(), server.dbUser(), "")) {
            made = db.apply(SettingsLoader.defaults(), "mail").load().dbUrl();
            try (Connection c = DriverManager.getConnection(made, server.dbUser(), "");
                 Statement s = c.createStatement()) {
                // A table filled since the last look, as the bench's warm-up fills the outbox.
                s.execute("CREATE TABLE OUTBOX (ID BIGINT PRIMARY KEY)");
                s.execute("INSERT INTO OUTBOX SELECT generate_series(1, 1000)");
                assertEquals(-1, rowsThePlannerSees(s), "never analyzed yet");
                db.analyze();
                assertEquals(1000, rowsThePlannerSees(s));
            }
        }
        try (Connection c = DriverManager.getConnection(server.dbUrl(), server.dbUser(), "");
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, made.substring(made.lastIndexOf('/') + 1));
            try (ResultSet r = q.executeQuery()) {
                assertFalse(r.next(), "the part's database is dropped");
            }
        }
    }

    private static long rowsThePlannerSees(Statement s) throws Exception {
        try (ResultSet r = s.executeQuery("SELECT reltuples FROM pg_class WHERE relname = 'outbox'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
