package org.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 11: a list's posts by subject key and time, in place of by subject key alone, so
 * that the latest thread of a subject (asked for most posts that name no thread they answer)
 * is the index's first entry, not a sort of every post with that subject: in a long thread of
 * "Re: Agenda" that was all of its posts, read again for each new one.
 */
final class SubjectIndex extends SchemaVersion {
    static final SubjectIndex MIGRATION = new SubjectIndex();

    private SubjectIndex() {
        super(11, "posts by subject and time");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            if (!indexed(c, "MESSAGES", "MESSAGES_SUBJECT_DATE")) {
                s.execute("CREATE INDEX MESSAGES_SUBJECT_DATE ON MESSAGES (LISTNAME, NORMSUBJECT, ARCHIVEDAT)");
            }
            // Its first two columns are the new one's: kept, it would only cost every insert.
            if (indexed(c, "MESSAGES", "MESSAGES_SUBJECT")) {
                s.execute("DROP INDEX MESSAGES_SUBJECT");
            }
        }
    }
}
