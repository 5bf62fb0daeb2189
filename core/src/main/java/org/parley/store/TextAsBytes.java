package org.parley.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 9: a post's text is kept as its UTF-8 bytes (column {@code BODY}) instead of a
 * character large object ({@code BODYTEXT}). Derby writes a character large object one char
 * at a time through a synchronised stream, a quarter of a millisecond for a 3,000-char post,
 * the largest single cost of archiving one; bytes it writes in one move. Each post's text is
 * copied over, then the old column goes. In Java because the two databases name the type
 * differently and because a database of an earlier build may already have the new column
 * (made from the entities before it was baselined).
 */
final class TextAsBytes extends SchemaVersion {
    static final TextAsBytes MIGRATION = new TextAsBytes();

    /** Posts copied between two reads: a batch of updates, never the whole archive in memory. */
    private static final int BATCH = 500;

    private TextAsBytes() {
        super(9, "post texts as UTF-8 bytes");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean derby = c.getMetaData().getDatabaseProductName().contains("Derby");
        if (!Additions.exists(c, "MESSAGES", "BODY")) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE MESSAGES ADD COLUMN BODY " + (derby ? "BLOB(1073741824)" : "BYTEA"));
            }
        }
        if (!Additions.exists(c, "MESSAGES", "BODYTEXT")) {
            return;
        }
        long after = -1;
        try (PreparedStatement read = c.prepareStatement("SELECT ID, BODYTEXT FROM MESSAGES WHERE ID > ? AND BODY IS NULL"
                + " ORDER BY ID FETCH FIRST " + BATCH + " ROWS ONLY");
             PreparedStatement write = c.prepareStatement("UPDATE MESSAGES SET BODY = ? WHERE ID = ?")) {
            int copied;
            do {
                copied = 0;
                read.setLong(1, after);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        after = rows.getLong(1);
                        String text = rows.getString(2);
                        write.setBytes(1, (text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
                        write.setLong(2, after);
                        write.addBatch();
                        copied++;
                    }
                }
                write.executeBatch();
            } while (copied == BATCH);
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE MESSAGES DROP COLUMN BODYTEXT");
        }
    }
}
