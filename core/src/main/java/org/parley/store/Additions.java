package org.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A schema version that adds columns and indexes. Written in Java rather than SQL because a
 * database made before versioned migrations is extended from the entities, which may already
 * have them: each is added only where it is missing, which neither Derby nor older SQL
 * dialects say in one line.
 */
final class Additions implements JavaMigration {
    /** A yes-or-no column, false for the rows already there: each database spells it its own way. */
    private static final String BOOLEAN = "boolean";

    /** Version 2: what an erasure records on the post's row, and when a mailing's content was dropped. */
    static final Additions ERASURE = new Additions(2, "erasure", new String[][] {
        {"MESSAGES", "ERASEDAT", "BIGINT"},
        {"MESSAGES", "ERASEDBY", "VARCHAR(255)"},
        {"MESSAGES", "ERASEDREASON", "VARCHAR(2000)"},
        {"MAILINGS", "CLEAREDAT", "BIGINT"},
    });
    /** Version 3: a list whose copies carry a summary. */
    static final Additions SUMMARY = new Additions(3, "summary delivery", new String[][] {
        {"LISTS", "SUMMARYLINES", "INTEGER"},
    });
    /**
     * Version 4: posts by date with their list and delegation in one index, so that the
     * statistics count a period from the index alone, never reading the posts' rows; and the
     * outbox by mailing, so that a mailing with no copy left to send is found by the index;
     * and the mailings whose content is still kept, so that the chores' sweep never reads them all.
     */
    static final Additions STATISTICS = new Additions(4, "statistics and outbox indexes", new String[0][],
            new String[][] {{"MESSAGES_ARCHIVED", "MESSAGES", "ARCHIVEDAT, LISTNAME, SENDERDELEGATION"},
                {"OUTBOX_MAILING", "OUTBOX", "MAILINGID, STATE"},
                {"MAILINGS_CLEARED", "MAILINGS", "CLEAREDAT, ID"}});

    /**
     * Version 5: focal points of delegations; a request's delegation, the post an erasure
     * request names, and whether a member to be forgotten asked for their posts to go too.
     */
    static final Additions FOCAL_POINTS = new Additions(5, "focal points and requests about one's own data",
            new String[][] {
                {"MEMBERS", "FOCALPOINT", BOOLEAN},
                {"REQUESTS", "DELEGATION", "VARCHAR(80) DEFAULT ''"},
                {"REQUESTS", "TARGETID", "BIGINT DEFAULT 0"},
                {"REQUESTS", "ERASEPOSTS", BOOLEAN},
            });

    private final int version;
    private final String description;
    private final String[][] columns;
    private final String[][] indexes;

    private Additions(int version, String description, String[][] columns) {
        this(version, description, columns, new String[0][]);
    }

    private Additions(int version, String description, String[][] columns, String[][] indexes) {
        this.version = version;
        this.description = description;
        this.columns = columns;
        this.indexes = indexes;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(version));
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return version;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        for (String[] column : columns) {
            if (!exists(c, column[0], column[1])) {
                String type = !column[2].equals(BOOLEAN) ? column[2]
                        : c.getMetaData().getDatabaseProductName().contains("Derby") ? "SMALLINT DEFAULT 0"
                        : "BOOLEAN DEFAULT FALSE";
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + column[0] + " ADD COLUMN " + column[1] + " " + type);
                }
            }
        }
        for (String[] index : indexes) {
            if (!indexed(c, index[1], index[0])) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX " + index[0] + " ON " + index[1] + " (" + index[2] + ")");
                }
            }
        }
    }

    private static boolean indexed(Connection c, String table, String index) throws SQLException {
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

    private static boolean exists(Connection c, String table, String column) throws SQLException {
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
}
