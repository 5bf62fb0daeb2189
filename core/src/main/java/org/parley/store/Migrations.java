package org.parley.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema, versioned: {@code db/migration/V1__baseline.sql} is the schema as the first
 * release made it, and every change after it is a numbered migration beside it, applied by
 * Flyway in order, once. A database made by an earlier build (tables, no history) is first
 * brought up to the baseline the way those builds did it, then marked as the baseline. A
 * database whose schema is newer than this build knows is refused, never touched.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** One migration as {@code parley db info} lists it. */
    public record Step(String version, String description, String state, String installedOn) {
    }

    private final String url;
    private final String user;
    private final String password;

    Migrations(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    private Flyway flyway() {
        boolean derby = url.startsWith("jdbc:derby:");
        Map<String, String> types = derby
                ? Map.of("blob", "BLOB(1073741824)", "clob", "CLOB(1073741824)", "boolean", "SMALLINT DEFAULT 0")
                : Map.of("blob", "BYTEA", "clob", "TEXT", "boolean", "BOOLEAN DEFAULT FALSE");
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .javaMigrations(Additions.ERASURE, Additions.SUMMARY, Additions.STATISTICS, Additions.FOCAL_POINTS,
                        Additions.POST_COUNTS, Additions.BOUNCE_SCORES, Additions.LEASES, TextAsBytes.MIGRATION,
                        Lz4Compression.MIGRATION, IndexReplacements.SUBJECT_DATE,
                        IndexReplacements.MESSAGE_ID, IndexReplacements.REFERENCE)
                .placeholders(types)
                .baselineVersion("1")
                .baselineDescription("schema of the builds before versioned migrations")
                // Applied migrations this build does not know are reported, not ignored.
                .ignoreMigrationPatterns("")
                .load();
    }

    /** Brings the schema to this build's newest version; returns how many migrations ran. */
    public int migrate() {
        return withFlyway(this::migrate);
    }

    private int migrate(Flyway flyway) {
        refuseNewer(flyway);
        if (flyway.info().current() == null && hasTables()) {
            extendLikeEarlierBuilds();
            flyway.baseline();
            LOG.info("schema of an earlier build brought to the baseline url={}", Store.redact(url));
        }
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("schema migrated url={} to={} migrations={}", Store.redact(url), result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
        return result.migrationsExecuted;
    }

    /** Every migration this build knows and every one the database has had, in order; changes nothing. */
    public List<Step> info() {
        return withFlyway(Migrations::info);
    }

    private static List<Step> info(Flyway flyway) {
        List<Step> steps = new ArrayList<>();
        for (MigrationInfo m : flyway.info().all()) {
            steps.add(new Step(m.getVersion() == null ? "" : m.getVersion().getVersion(), m.getDescription(),
                    m.getState().getDisplayName(), m.getInstalledOn() == null ? "" : m.getInstalledOn().toInstant().toString()));
        }
        return steps;
    }

    /** Runs work on the schema; a database that cannot be reached is said as opening the store says it. */
    private <T> T withFlyway(Function<Flyway, T> work) {
        return OpenFailure.reported(Store.redact(url), () -> work.apply(flyway()));
    }

    private static void refuseNewer(Flyway flyway) {
        for (MigrationInfo m : flyway.info().applied()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                String known = flyway.info().all().length == 0 ? "none" : lastKnown(flyway);
                throw new StoreException("the database's schema is at version " + m.getVersion() + ", newer than this"
                        + " Parley knows (" + known + "): run the Parley that migrated it, or restore a backup", null, false);
            }
        }
    }

    private static String lastKnown(Flyway flyway) {
        String last = "none";
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED
                    && m.getVersion() != null) {
                last = m.getVersion().getVersion();
            }
        }
        return last;
    }

    /** Whether Parley's tables are there (a database made before versioned migrations). */
    private boolean hasTables() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            for (String name : new String[] {"MEMBERS", "members"}) {
                try (ResultSet tables = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema of " + Store.redact(url) + ": " + e.getMessage(), e,
                    Store.isTransient(e));
        }
    }

    /** What the builds before versioned migrations did at every start: create or extend the tables. */
    private void extendLikeEarlierBuilds() {
        Map<String, Object> props = Store.jpa(url, user, password);
        props.put("eclipselink.ddl-generation", "create-or-extend-tables");
        props.put("eclipselink.ddl-generation.output-mode", "database");
        EntityManagerFactory factory = Persistence.createEntityManagerFactory("parley", props);
        try {
            factory.createEntityManager().close();
        } finally {
            factory.close();
        }
    }
}
