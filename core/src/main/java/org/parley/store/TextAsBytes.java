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
 * at a time through a synchronised stream: a quarter of a millisecond for a 3,000-char post,
 * a twelfth of the routing thread's time; bytes it writes in one move. Each post's text is
 * copied over, a hundred posts a read, then the old column goes. In Java because a
 * database of an earlier build may already have the new column (made from the entities
 * before it was baselined).
 */
final class TextAsBytes extends SchemaVersion {
    static final TextAsBytes MIGRATION = new TextAsBytes();

    /**
     * Posts read at once, and bytes of text written at once: never the whole archive in
     * memory, nor a hundred of the longest texts (a million chars each, as the parser keeps).
     */
    private static final int BATCH = 100;
    private static final int BATCH_BYTES = 16 << 20;

    private TextAsBytes() {
        super(9, "post texts as UTF-8 bytes");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!exists(c, "MESSAGES", "BODY")) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE MESSAGES ADD COLUMN BODY " + type(context, "blob"));
            }
        }
        if (!exists(c, "MESSAGES", "BODYTEXT")) {
            return;
        }
        long after = -1;
        try (PreparedStatement read = c.prepareStatement("SELECT ID, BODYTEXT FROM MESSAGES"
                + " WHERE ID > ? AND BODY IS NULL ORDER BY ID FETCH FIRST " + BATCH + " ROWS ONLY");
             PreparedStatement write = c.prepareStatement("UPDATE MESSAGES SET BODY = ? WHERE ID = ?")) {
            int copied;
            do {
                copied = 0;
                long pending = 0;
                read.setLong(1, after);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        after = rows.getLong(1);
                        String text = rows.getString(2);
                        byte[] body = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
                        write.setBytes(1, body);
                        write.setLong(2, after);
                        write.addBatch();
                        copied++;
                        pending += body.length;
                        if (pending > BATCH_BYTES) {
                            write.executeBatch();
                            pending = 0;
                        }
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
