package org.parley.store;

import java.sql.SQLException;
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
        replaceIndex(context.getConnection(), "MESSAGES", "MESSAGES_SUBJECT_DATE", "LISTNAME, NORMSUBJECT, ARCHIVEDAT", "MESSAGES_SUBJECT");
    }
}
