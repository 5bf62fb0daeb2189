package org.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.model.Request;
import org.parley.model.Room;
import org.parley.testing.TestStores;

/** The versioned schema: a new store, a store of an earlier build, and one newer than this build. */
class MigrationsTest {
    @TempDir
    Path dir;

    private Settings settings() {
        return SettingsLoader.defaults().set("parley.data-dir", dir.toString()).load();
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(Store.derbyUrl(dir));
             ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } finally {
            shutDown();
        }
    }

    private void execute(String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(Store.derbyUrl(dir)); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        } finally {
            shutDown();
        }
    }

    private void shutDown() {
        try {
            DriverManager.getConnection("jdbc:derby:" + dir.resolve("db").toAbsolutePath() + ";shutdown=true").close();
        } catch (Exception e) {
            // Derby says a clean shutdown with an exception.
        }
    }

    @Test
    void aNewStoreGetsTheBaselineAndSaysSo() {
        try (Store store = Store.open(settings())) {
            store.run(tx -> tx.rooms().create(new Room("strategies", "Strategies"), List.of("fr"), Map.of(),
                    Instant.EPOCH));
        }
        List<Migrations.Step> steps = Store.migrations(settings()).info();
        assertEquals("1", steps.get(0).version());
        assertEquals("Success", steps.get(0).state());
        assertEquals("2", steps.get(1).version());
        assertEquals("erasure", steps.get(1).description());
        assertEquals("Success", steps.get(1).state());
        assertEquals("3", steps.get(2).version());
        assertEquals("Success", steps.get(2).state());
        // On Derby the lz4 step (10) changes nothing, and is recorded all the same.
        assertEquals("10", steps.get(steps.size() - 4).version());
        assertEquals("Success", steps.get(steps.size() - 4).state());
        assertEquals("11", steps.get(steps.size() - 3).version());
        assertEquals("Success", steps.get(steps.size() - 3).state());
        assertEquals("12", steps.get(steps.size() - 2).version());
        assertEquals("Success", steps.get(steps.size() - 2).state());
        assertEquals("13", steps.get(steps.size() - 1).version());
        assertEquals("Success", steps.get(steps.size() - 1).state());
    }

    @Test
    void onPostgresqlTheLargeValuesOfEveryPostAreWrittenWithLz4() throws Exception {
        assumeTrue(TestStores.postgresInstalled(), "Debian's PostgreSQL is not installed");
        Settings settings = TestStores.onPostgres(SettingsLoader.defaults().set("parley.data-dir", dir.toString()),
                dir).load();
        Store.open(settings).close();
        try (Connection c = DriverManager.getConnection(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
             ResultSet r = c.createStatement().executeQuery("SELECT c.relname, a.attname, a.attcompression"
                     + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                     + " WHERE (c.relname, a.attname) IN (('inbound', 'raw'), ('mailings', 'content'),"
                     + " ('messages', 'body'), ('recipients', 'addresses')) ORDER BY 1")) {
            assertTrue(Lz4Compression.hasLz4(c), "Debian's PostgreSQL is built with lz4");
            int columns = 0;
            while (r.next()) {
                assertEquals("l", r.getString(3), r.getString(1) + "." + r.getString(2));
                columns++;
            }
            assertEquals(4, columns);
        }
    }

    @Test
    void aNewStoreGivesEveryTableAndIndexOnePageSize() throws Exception {
        Store.open(settings()).close();
        String conglomerates = "SELECT COUNT(*) FROM SYS.SYSTABLES T, TABLE(SYSCS_DIAG.SPACE_TABLE('APP', T.TABLENAME)) S"
                + " WHERE T.TABLETYPE = 'T'";
        assertTrue(count(conglomerates) > 50, "the tables and their indexes");
        // Derby's page cache reuses a slot's array only for a page of the same size.
        assertEquals(0, count(conglomerates + " AND S.PAGESIZE <> 32768"));
    }

    @Test
    void aStoreAtTheFirstReleasesSchemaGetsTheErasureColumnsWithEveryRowKept() throws Exception {
        try (Store store = Store.open(settings())) {
            store.run(tx -> tx.rooms().create(new Room("strategies", "Strategies"), List.of("fr"), Map.of(),
                    Instant.EPOCH));
        }
        // Version 1 as the previous release left it: no erasure columns, no second migration.
        execute("ALTER TABLE MESSAGES DROP COLUMN ERASEDAT", "ALTER TABLE MESSAGES DROP COLUMN ERASEDBY",
                "ALTER TABLE MESSAGES DROP COLUMN ERASEDREASON", "ALTER TABLE MAILINGS DROP COLUMN CLEAREDAT",
                "ALTER TABLE LISTS DROP COLUMN SUMMARYLINES",
                "DROP INDEX MESSAGES_ARCHIVED", "DROP INDEX OUTBOX_MAILING", "DROP INDEX MAILINGS_CLEARED",
                "ALTER TABLE MEMBERS DROP COLUMN FOCALPOINT", "ALTER TABLE REQUESTS DROP COLUMN DELEGATION",
                "ALTER TABLE REQUESTS DROP COLUMN TARGETID", "ALTER TABLE REQUESTS DROP COLUMN ERASEPOSTS",
                "DROP TABLE POSTCOUNTS", "DROP INDEX THREADS_STARTED",
                "DROP INDEX MESSAGES_SUBJECT_DATE", "CREATE INDEX MESSAGES_SUBJECT ON MESSAGES (LISTNAME, NORMSUBJECT)",
                "DROP INDEX MESSAGES_MSGID", "CREATE INDEX MESSAGES_LIST_MSGID ON MESSAGES (LISTNAME, MESSAGEID)",
                "DROP INDEX MESSAGE_REFS_REFID", "CREATE INDEX MESSAGE_REFS_REF ON MESSAGE_REFS (LISTNAME, REFID)",
                "DROP INDEX SUBSCRIPTIONS_STOPPED",
                "ALTER TABLE SUBSCRIPTIONS DROP COLUMN BOUNCESCORE", "ALTER TABLE SUBSCRIPTIONS DROP COLUMN LASTBOUNCEAT",
                "ALTER TABLE SUBSCRIPTIONS DROP COLUMN RESUMEMODE", "ALTER TABLE SUBSCRIPTIONS DROP COLUMN STOPPEDAT",
                "ALTER TABLE SUBSCRIPTIONS DROP COLUMN WARNINGS", "ALTER TABLE SUBSCRIPTIONS DROP COLUMN WARNEDAT",
                "ALTER TABLE BOUNCES DROP COLUMN PERMANENT", "ALTER TABLE BOUNCES DROP COLUMN STATUS",
                "ALTER TABLE LISTS DROP COLUMN DIGESTDAYS", "ALTER TABLE LISTS DROP COLUMN DMARCACTION",
                "DROP TABLE LEASES", "DROP TABLE FETCHED", // and MESSAGES_ERASED went with ERASEDAT
                "ALTER TABLE MESSAGES ADD COLUMN BODYTEXT CLOB(1073741824)", "ALTER TABLE MESSAGES DROP COLUMN BODY",
                "DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('2', '3', '4', '5', '6', '7', '8', '9',"
                        + " '10', '11', '12', '13')",
                "INSERT INTO MEMBERS (CREATEDAT, EMAIL, DISPLAYNAME, LANGUAGE, MEMBERROLE, TRUSTED) VALUES (0, 'jean@x.test', 'Jean', 'fr', 'DELEGATE', 1)",
                "INSERT INTO SUBSCRIPTIONS (MEMBERID, LISTNAME, DELIVERYMODE, CREATEDAT) SELECT ID, 'strategies-fr', 'EACH', 0"
                        + " FROM MEMBERS WHERE EMAIL = 'jean@x.test'",
                "INSERT INTO REQUESTS (KIND, LISTNAME, REQUESTER, STATE, CREATEDAT, DISCUSSIONID, DECIDEDAT) VALUES ('JOIN', 'strategies-fr', 'ana@x.test', 'PENDING', 0, 0, 0)",
                "INSERT INTO MESSAGES (ARCHIVEDAT, BODYTEXT, LISTNAME, MESSAGEID, HASH, SUBJECT, THREADID, SENTAT, INBOUNDID)"
                        + " VALUES (0, 'texte', 'strategies-fr', '<a@x>', 'H', 'Sujet', 1, 0, 0)",
                "INSERT INTO MESSAGE_REFS (LISTNAME, MESSAGEROWID, REFID) SELECT 'strategies-fr', ID, '<parent@x>'"
                        + " FROM MESSAGES WHERE MESSAGEID = '<a@x>'");
        // More posts than the text copy reads at once, one of them in several scripts.
        StringBuilder posts = new StringBuilder("INSERT INTO MESSAGES (ARCHIVEDAT, BODYTEXT, LISTNAME, MESSAGEID, HASH,"
                + " SUBJECT, THREADID, SENTAT, INBOUNDID) VALUES ");
        for (int i = 0; i < 1_200; i++) {
            posts.append(i == 0 ? "" : ", ").append("(0, '").append(i == 700 ? "Ωμέγα, 知识产权, مرحبا 🙂" : "post " + i)
                    .append("', 'strategies-fr', '<p").append(i).append("@x>', 'H', 'Sujet', 1, 0, 0)");
        }
        execute(posts.toString());
        // Twelve of the longest texts the parser keeps (a million chars; 2 MB here): more than one write's worth.
        String longest = "é".repeat(1_000_000);
        try (Connection c = DriverManager.getConnection(Store.derbyUrl(dir));
             PreparedStatement insert = c.prepareStatement("INSERT INTO MESSAGES (ARCHIVEDAT, BODYTEXT, LISTNAME, MESSAGEID,"
                     + " HASH, SUBJECT, THREADID, SENTAT, INBOUNDID) VALUES (0, ?, 'strategies-fr', ?, 'H', 'Sujet', 1, 0, 0)")) {
            for (int i = 0; i < 12; i++) {
                insert.setString(1, longest);
                insert.setString(2, "<long" + i + "@x>");
                insert.executeUpdate();
            }
        } finally {
            shutDown();
        }
        try (Store store = Store.open(settings())) {
            assertEquals(1_213L, (long) store.read(tx -> tx.archive().count()));
            long longOne = store.read(tx -> tx.archive().withMessageId("<long11@x>")).get(0).id();
            assertEquals(longest, store.read(tx -> tx.archive().bodyText(longOne)).orElseThrow());
            long first = store.read(tx -> tx.archive().withMessageId("<a@x>")).get(0).id();
            assertEquals("texte", store.read(tx -> tx.archive().bodyText(first)).orElseThrow());
            long mixed = store.read(tx -> tx.archive().withMessageId("<p700@x>")).get(0).id();
            assertEquals("Ωμέγα, 知识产权, مرحبا 🙂", store.read(tx -> tx.archive().bodyText(mixed)).orElseThrow());
            long last = store.read(tx -> tx.archive().withMessageId("<p1199@x>")).get(0).id();
            assertEquals("post 1199", store.read(tx -> tx.archive().bodyText(last)).orElseThrow());
            assertTrue(store.read(tx -> tx.archive().withMessageId("<a@x>")).get(0).erased().isEmpty());
            assertEquals(Set.of(1L), store.read(tx -> tx.archive().threadsNaming("strategies-fr",
                    List.of("<parent@x>", "<elsewhere@x>"))), "the references kept, found by Message-ID");
            assertEquals(1, store.read(tx -> tx.rooms().lists()).size());
            assertTrue(store.read(tx -> tx.rooms().lists()).get(0).summaryLines().isEmpty());
            assertTrue(store.read(tx -> tx.rooms().lists()).get(0).digestDays().isEmpty());
            assertFalse(store.read(tx -> tx.members().find("jean@x.test")).orElseThrow().focalPoint());
            Request join = store.read(tx -> tx.requests().pending(0, 10)).get(0);
            assertEquals("", join.delegation());
            assertEquals(0L, join.target());
            assertFalse(join.erasePosts());
            // A subscription of before bounce scores: delivery on, score zero.
            long jean = store.read(tx -> tx.members().find("jean@x.test")).orElseThrow().id();
            var state = store.read(tx -> tx.bounces().states(jean)).get(0);
            assertEquals(0, state.score());
            assertFalse(state.stopped());
            assertEquals(1, store.read(tx -> tx.members().subscriptions(jean)).size());
            // The day counts are filled from the posts already there.
            assertEquals(1_213L, store.read(tx -> tx.aggregates().posts(Instant.EPOCH, Instant.EPOCH.plusSeconds(86400)))
                    .get(0).count());
        }
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '2'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '3'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '4'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '5'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '6'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '7'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '8'"));
        assertEquals(1, count("SELECT COUNT(*) FROM LEASES WHERE NAME = 'chores'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '9'"));
        assertEquals(0, count("SELECT COUNT(*) FROM MESSAGES WHERE BODY IS NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '10'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '11'"));
        String index = "SELECT COUNT(*) FROM SYS.SYSCONGLOMERATES WHERE CONGLOMERATENAME = ";
        assertEquals(1, count(index + "'MESSAGES_SUBJECT_DATE'"));
        assertEquals(0, count(index + "'MESSAGES_SUBJECT'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '12'"));
        assertEquals(1, count(index + "'MESSAGES_MSGID'"));
        assertEquals(0, count(index + "'MESSAGES_LIST_MSGID'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '13'"));
        assertEquals(1, count(index + "'MESSAGE_REFS_REFID'"));
        assertEquals(0, count(index + "'MESSAGE_REFS_REF'"));
    }

    @Test
    void aStoreMadeByAnEarlierBuildIsBroughtToTheBaselineWithEveryRow() throws Exception {
        // What builds before versioned migrations did: let EclipseLink create the tables.
        EntityManagerFactory earlier = Persistence.createEntityManagerFactory("parley", Map.of(
                "jakarta.persistence.jdbc.url", Store.derbyUrl(dir),
                "eclipselink.ddl-generation", "create-or-extend-tables",
                "eclipselink.ddl-generation.output-mode", "database",
                "eclipselink.weaving", "false", "eclipselink.logging.level", "OFF"));
        earlier.createEntityManager().close();
        earlier.close();
        execute("ALTER TABLE MESSAGES ADD COLUMN BODYTEXT CLOB(1073741824)", "ALTER TABLE MESSAGES DROP COLUMN BODY");
        execute("INSERT INTO ROOMS (ID, CREATEDAT, TITLE) VALUES ('strategies', 0, 'Strategies')",
                "INSERT INTO LISTS (NAME, CREATEDAT, LANGUAGE, ROOMID, ROSTERVERSION) VALUES ('strategies-fr', 0, 'fr', 'strategies', 0)",
                "INSERT INTO MEMBERS (CREATEDAT, EMAIL, DISPLAYNAME, LANGUAGE, MEMBERROLE, TRUSTED) VALUES (0, 'jean@x.test', 'Jean', 'fr', 'DELEGATE', 1)",
                "INSERT INTO MESSAGES (ARCHIVEDAT, BODYTEXT, LISTNAME, MESSAGEID, HASH, SUBJECT, THREADID) VALUES (0, 'texte', 'strategies-fr', '<a@x>', 'H', 'Sujet', 1)");
        try (Store store = Store.open(settings())) {
            assertTrue(store.read(tx -> tx.members().find("jean@x.test")).orElseThrow().trusted());
            assertEquals(1L, (long) store.read(tx -> tx.archive().count()));
            long post = store.read(tx -> tx.archive().withMessageId("<a@x>")).get(0).id();
            assertEquals("texte", store.read(tx -> tx.archive().bodyText(post)).orElseThrow());
            assertEquals(1, store.read(tx -> tx.rooms().lists()).size());
        }
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1'"));
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '2'"));
    }

    @Test
    void aSchemaNewerThanThisBuildIsRefusedUntouched() throws Exception {
        Store.open(settings()).close();
        execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\") VALUES (99, '99',"
                + " 'from the future', 'SQL', 'V99__future.sql', 'parley', CURRENT_TIMESTAMP, 1, TRUE)");
        StoreException refused = assertThrows(StoreException.class, () -> Store.open(settings()));
        assertTrue(refused.getMessage().contains("schema is at version 99, newer than this Parley knows (13)"),
                refused.getMessage());
    }
}
