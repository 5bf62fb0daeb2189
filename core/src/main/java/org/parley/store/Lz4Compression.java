package org.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 10: on PostgreSQL, the large values written for every post (the raw message, the
 * list copy, the post's text) and the slices of recipients read for every claim are
 * compressed with lz4 instead of pglz, which took a twentieth of the backends' CPU while
 * routing. Values already stored keep their compression; new ones are written with lz4. Only
 * where the server has lz4 (PostgreSQL 14 and later, built with it, as Debian's is); Derby and
 * other servers are left as they are.
 */
final class Lz4Compression extends SchemaVersion {
    static final Lz4Compression MIGRATION = new Lz4Compression();

    private static final String[][] COLUMNS = {
            {"INBOUND", "RAW"}, {"MAILINGS", "CONTENT"}, {"MESSAGES", "BODY"}, {"RECIPIENTS", "ADDRESSES"}};

    private Lz4Compression() {
        super(10, "lz4 for large values on PostgreSQL");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!hasLz4(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            for (String[] column : COLUMNS) {
                s.execute("ALTER TABLE " + column[0] + " ALTER COLUMN " + column[1] + " SET COMPRESSION lz4");
            }
        }
    }

    /** Whether this is a PostgreSQL server that offers lz4 for values (no error asked: it would end the transaction). */
    static boolean hasLz4(Connection c) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return false;
        }
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
                     + " AND 'lz4' = ANY(enumvals)")) {
            return r.next();
        }
    }
}
