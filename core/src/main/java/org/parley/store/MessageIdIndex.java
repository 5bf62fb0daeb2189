package org.parley.store;

import java.sql.SQLException;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 12: posts by Message-ID first, then list, in place of by list first. A post's
 * Message-ID is asked for at every post routed (is it a duplicate, which threads does it
 * answer), and by list first PostgreSQL could not tell that index from the list's others:
 * where its statistics called the list rare (a new list, or one quiet when they were taken),
 * it read the list's posts through another of them and compared each Message-ID, a read of
 * the whole list for each post. The queries now ask by Message-ID alone, which only this
 * index answers, and keep the list's rows themselves.
 */
final class MessageIdIndex extends SchemaVersion {
    static final MessageIdIndex MIGRATION = new MessageIdIndex();

    private MessageIdIndex() {
        super(12, "posts by Message-ID");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        replaceIndex(context.getConnection(), "MESSAGES", "MESSAGES_MSGID", "MESSAGEID, LISTNAME", "MESSAGES_LIST_MSGID");
    }
}
