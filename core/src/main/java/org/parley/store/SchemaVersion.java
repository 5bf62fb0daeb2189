package org.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A numbered schema change written in Java: its number is its version and its checksum (the
 * code is the build's, so a number names one change for good), and it runs in the
 * migration's transaction, all of it or none.
 */
abstract class SchemaVersion implements JavaMigration {
    private final int version;
    private final String description;

    SchemaVersion(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(version));
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return version;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }

    /** The database's spelling of a type the migrations name by placeholder (blob, clob, boolean): see Migrations. */
    static String type(Context context, String placeholder) {
        return context.getConfiguration().getPlaceholders().get(placeholder);
    }

    /** Whether the table has the column. */
    static boolean exists(Connection c, String table, String column) throws SQLException {
        // Derby keeps unquoted names in upper case, PostgreSQL in lower case.
        for (String[] name : new String[][] {{table, column},
                {table.toLowerCase(Locale.ROOT), column.toLowerCase(Locale.ROOT)}}) {
            try (ResultSet found = c.getMetaData().getColumns(null, null, name[0], name[1])) {
                if (found.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Creates the index unless the table has one of this name already. */
    static void createIndex(Connection c, String table, String index, String columns) throws SQLException {
        if (!indexed(c, table, index)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX " + index + " ON " + table + " (" + columns + ")");
            }
        }
    }

    /** Whether the table has an index of this name. */
    static boolean indexed(Connection c, String table, String index) throws SQLException {
        for (String name : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet found = c.getMetaData().getIndexInfo(null, null, name, false, true)) {
                while (found.next()) {
                    if (index.equalsIgnoreCase(found.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
