package org.parley.store;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * A schema version that puts an index of the archive in place of another whose columns it
 * covers: it creates the new one unless it is there, then drops the old one if that is there
 * (kept, it would only cost every insert).
 */
final class IndexReplacements extends SchemaVersion {
    /**
     * Version 11: a list's posts by subject key and time, in place of by subject key alone, so
     * that the latest thread of a subject (asked for most posts that name no thread they answer)
     * is the index's first entry, not a sort of every post with that subject: in a long thread of
     * "Re: Agenda" that was all of its posts, read again for each new one.
     */
    static final IndexReplacements SUBJECT_DATE = new IndexReplacements(11, "posts by subject and time", "MESSAGES",
            "MESSAGES_SUBJECT_DATE", "LISTNAME, NORMSUBJECT, ARCHIVEDAT", "MESSAGES_SUBJECT");
    /**
     * Version 12: posts by Message-ID first, then list, in place of by list first. A post's
     * Message-ID is asked for at every post routed (is it a duplicate, which threads does it
     * answer), and by list first PostgreSQL could not tell that index from the list's others:
     * where its statistics called the list rare (a new list, or one quiet when they were taken),
     * it read the list's posts through another of them and compared each Message-ID, a read of
     * the whole list for each post. The queries now ask by Message-ID alone, which only this
     * index answers, and keep the list's rows themselves.
     */
    static final IndexReplacements MESSAGE_ID = new IndexReplacements(12, "posts by Message-ID", "MESSAGES",
            "MESSAGES_MSGID", "MESSAGEID, LISTNAME", "MESSAGES_LIST_MSGID");
    /**
     * Version 13: the Message-IDs posts name (References, In-Reply-To) by Message-ID first,
     * then list. A post is threaded by the messages that name it or any of its ancestors, in
     * one statement (REFID IN ...); Derby probes an index for each value of such a list only
     * when it is the index's first column, and by list first it read every reference of the
     * list for each reply that names two messages or more (2.1 ms a reply at 11,000 references,
     * growing with the list; 0.03 ms by Message-ID first).
     */
    static final IndexReplacements REFERENCE = new IndexReplacements(13, "references by Message-ID", "MESSAGE_REFS",
            "MESSAGE_REFS_REFID", "REFID, LISTNAME", "MESSAGE_REFS_REF");

    private final String table;
    private final String index;
    private final String columns;
    private final String replaced;

    private IndexReplacements(int version, String description, String table, String index, String columns,
                              String replaced) {
        super(version, description);
        this.table = table;
        this.index = index;
        this.columns = columns;
        this.replaced = replaced;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        var c = context.getConnection();
        createIndex(c, table, index, columns);
        if (indexed(c, table, replaced)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX " + replaced);
            }
        }
    }
}
