package org.parley.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.parley.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: one EntityManagerFactory, and short transactions around units of work.
 * Only standard SQL and JPA reach the database, so the embedded Derby default and
 * PostgreSQL run the same code.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    /** Derby's default size of a transaction log file. */
    private static final int LOG_SWITCH = 1024 * 1024;

    private final EntityManagerFactory factory;
    private final String url;
    private final int sliceSize;
    /**
     * Whether the database skips rows another transaction has locked ({@code FOR UPDATE SKIP
     * LOCKED}, PostgreSQL's), so that nodes sharing it claim work without waiting on each other.
     */
    private final boolean skipLocked;

    private Store(EntityManagerFactory factory, String url, int sliceSize) {
        this.factory = factory;
        this.url = url;
        this.sliceSize = sliceSize;
        this.skipLocked = url.startsWith("jdbc:postgresql:");
    }

    /** Opens (and on first use creates) the store the settings name. */
    public static Store open(Settings settings) {
        String url = prepared(settings);
        Map<String, Object> props = jpa(url, settings.dbUser(), settings.dbPassword());
        // The schema is Flyway's (db/migration), applied before the first connection of JPA.
        props.put("eclipselink.ddl-generation", "none");
        props.put("eclipselink.connection-pool.default.initial", "2");
        // EclipseLink closes every connection above the minimum as soon as it is released, so
        // with busy workers it opened and closed Derby connections all the time: keep them all.
        props.put("eclipselink.connection-pool.default.min", String.valueOf(settings.dbPoolSize()));
        props.put("eclipselink.connection-pool.default.max", String.valueOf(settings.dbPoolSize()));
        props.put("eclipselink.jdbc.batch-writing", "JDBC");
        if (url.startsWith("jdbc:derby:")) {
            // Embedded Derby does real work for each prepareStatement (a look into its
            // statement cache, a new activation): keeping them per connection, the bench
            // routed a median 14 % more posts a second (eight interleaved pairs of runs, seven
            // ahead). PostgreSQL's driver keeps its own, and routed 9 % fewer with these on top.
            props.put("eclipselink.jdbc.cache-statements", "true");
            props.put("eclipselink.jdbc.cache-statements.size", "200");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            props.put("eclipselink.session.customizer", ReturnedIds.class.getName());
        }
        props.put("eclipselink.cache.shared.default", "false");
        return OpenFailure.reported(redact(url), () -> {
            new Migrations(url, settings.dbUser(), settings.dbPassword()).migrate();
            EntityManagerFactory factory = Persistence.createEntityManagerFactory("parley", props);
            factory.createEntityManager().close(); // connect now, not on first mail
            LOG.info("store open url={}", redact(url));
            return new Store(factory, url, settings.outbound().sliceSize());
        });
    }

    /**
     * Rewrites these tables so that values replaced or deleted are gone from the files too:
     * Derby keeps them in its pages until the space is reused, and in its log until a
     * checkpoint. A database server keeps its own files (PostgreSQL: its VACUUM and WAL
     * retention are the administrator's; its dumps hold only live rows).
     */
    public void reclaim(List<String> tables) {
        if (!url.startsWith("jdbc:derby:")) {
            return;
        }
        maintain("rewriting the tables " + tables, em -> {
            em.getTransaction().begin();
            String schema = (String) em.createNativeQuery("VALUES CURRENT SCHEMA").getSingleResult();
            for (String table : tables) {
                em.createNativeQuery("CALL SYSCS_UTIL.SYSCS_COMPRESS_TABLE(?, ?, 1)").setParameter(1, schema)
                        .setParameter(2, table).executeUpdate();
            }
            em.getTransaction().commit();
            // The log file being written still holds the old values; a checkpoint starts a new
            // one (and deletes those it no longer needs) only once the current one is longer than
            // derby.storage.logSwitchInterval (1 MB): a write rolled back fills it that far.
            em.getTransaction().begin();
            em.createNativeQuery("INSERT INTO MAILINGS (KIND, LISTNAME, CREATEDAT, CONTENT) VALUES ('PADDING', '', 0, ?)")
                    .setParameter(1, new byte[LOG_SWITCH + 64 * 1024]).executeUpdate();
            em.getTransaction().rollback();
            em.getTransaction().begin();
            em.createNativeQuery("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()").executeUpdate();
            em.getTransaction().commit();
        });
    }

    /**
     * Copies the embedded store, consistent and while the forum runs (Derby's online backup),
     * into folder/db. A database server is backed up with its own tools (PostgreSQL: pg_dump).
     */
    public void backup(Path folder) {
        if (!url.startsWith("jdbc:derby:")) {
            throw new StoreException("parley backup copies the embedded store; this forum's database is a server's:"
                    + " back it up with its own tools (PostgreSQL: pg_dump)", null, false);
        }
        maintain("the backup to " + folder, em -> {
            em.getTransaction().begin();
            em.createNativeQuery("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")
                    .setParameter(1, folder.toAbsolutePath().toString()).executeUpdate();
            em.getTransaction().commit();
        });
    }

    /** Database housekeeping outside the units of work: its own connection and transactions, one line if it fails. */
    private void maintain(String what, Consumer<EntityManager> work) {
        EntityManager em = factory.createEntityManager();
        try {
            work.accept(em);
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw new StoreException(what + " failed: " + rootMessage(e), e, isTransient(e));
        } finally {
            em.close();
        }
    }

    /** How EclipseLink reaches the database, for the store and for the migrations alike. */
    static Map<String, Object> jpa(String url, String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.jdbc.url", url);
        props.put("jakarta.persistence.jdbc.user", user);
        props.put("jakarta.persistence.jdbc.password", password);
        props.put("jakarta.persistence.jdbc.driver", driverFor(url));
        props.put("eclipselink.weaving", "false");
        // EclipseLink would print each failure as pages of stack traces; Parley reports every
        // failure itself, in one line with its cause (and the trace with --verbose).
        props.put("eclipselink.logging.level", "OFF");
        props.put("eclipselink.logging.logger", "JavaLogger");
        return props;
    }

    /**
     * The store's JDBC URL, once what opening it needs is in place: a driver for it, the data
     * folder of the embedded store, and Derby's settings, which count only before it first boots.
     */
    private static String prepared(Settings settings) {
        String url = settings.dbUrl().isEmpty() ? derbyUrl(settings.dataDir()) : settings.dbUrl();
        if (driverFor(url).isEmpty()) {
            throw OpenFailure.unsupported(redact(url));
        }
        if (url.startsWith("jdbc:derby:")) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new StoreException("cannot create the data folder " + settings.dataDir() + ": " + e.getMessage()
                        + " (set parley.data-dir to a folder this user may write)", e, false);
            }
        }
        if (url.startsWith("jdbc:derby:") && System.getProperty("derby.stream.error.file") == null) {
            // Derby would otherwise write derby.log into whatever folder we were started from.
            System.setProperty("derby.stream.error.file", settings.dataDir().resolve("derby.log").toString());
        }
        if (url.startsWith("jdbc:derby:")) {
            // Derby turns more than 5,000 row locks of one transaction into a table lock, which
            // would make a worker marking a large batch block every fan-out; keep row locks.
            System.setProperty("derby.locks.escalationThreshold", "1000000");
            System.setProperty("derby.locks.waitTimeout", "20");
            // Look for a deadlock after 2 s of waiting, not only at the time-out (Derby does no
            // deadlock check at all when the two are equal): the victim is retried at once.
            System.setProperty("derby.locks.deadlockTimeout", "2");
            // Identity values come from a sequence that Derby refills in a nested transaction
            // which does not wait for its catalog lock; refilled every 100 values, a fan-out of
            // thousands of outbox rows beside other inserts failed now and then with 40XL1.
            // Larger blocks make refills rare; the cost is a gap in ids after a restart.
            System.setProperty("derby.language.sequence.preallocator", "5000");
            // Derby looks again at a cached statement's plan every 100 runs and compiles it anew
            // when its tables' sizes changed; with the archive and the outbox growing by
            // thousands of rows a minute, every statement was compiled over and over, each
            // time a new class for the JIT. Every 5,000 runs still follows a growing table.
            System.setProperty("derby.language.stalePlanCheckInterval", "5000");
            // One page size for every table and index a new database gets. Derby gives tables
            // with a BLOB 32 KB pages and the rest 4 KB, and its page cache reuses a slot's array
            // only for a page of the same size: with both sizes in the cache, each page read
            // dropped a long-lived array for a new one, some 10 MB a second under routing, and the
            // collector grew the heap to -Xmx to keep up (the server's RSS 770-810 MB, not 550-590).
            // A -Dderby.storage.pageSize of the operator's own is kept.
            if (System.getProperty("derby.storage.pageSize") == null) {
                System.setProperty("derby.storage.pageSize", "32768");
            }
        }
        return url;
    }

    /** The versioned schema of the database the settings name. */
    public static Migrations migrations(Settings settings) {
        return new Migrations(prepared(settings), settings.dbUser(), settings.dbPassword());
    }

    static String derbyUrl(Path dataDir) {
        return "jdbc:derby:" + dataDir.resolve("db").toAbsolutePath() + ";create=true";
    }

    private static String driverFor(String url) {
        if (url.startsWith("jdbc:derby:")) {
            return "org.apache.derby.iapi.jdbc.AutoloadedDriver";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        return "";
    }

    static String redact(String url) {
        return url.replaceAll("password=[^;&]*", "password=***");
    }

    /** Whether a failure is one a retry can cure: a lock timeout, a deadlock, a serialisation failure (SQLState 40xxx). */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Runs work in one transaction and commits it; any exception rolls it back. */
    public <T> T write(Function<Tx, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            Tx unit = new Tx(em, sliceSize, skipLocked);
            T result = work.apply(unit);
            unit.beforeCommit();
            tx.commit();
            for (Runnable after : unit.committed()) {
                try {
                    after.run();
                } catch (RuntimeException e) {
                    // Committed is committed: what follows must not undo it or hide it.
                    LOG.error("after-commit work failed error={}", e.toString(), e);
                }
            }
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    /**
     * Like {@link #write}, but a lock timeout or deadlock is retried a few times: for work
     * that must not be left half recorded, such as marking delivered copies.
     */
    public <T> T writeRetrying(Function<Tx, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write(work);
            } catch (RuntimeException e) {
                if (!isTransient(e) || attempt >= 5) {
                    throw e;
                }
                LOG.warn("store busy, retrying attempt={} error={}", attempt, rootMessage(e));
                try {
                    // Short: what fails here has mostly waited already (a lock time-out) or gives
                    // way at once (Derby's identity refill, which does not wait for its lock).
                    // Doubling, and spread at random: eight SMTP sessions that met at a refill
                    // and slept alike met again at each attempt, and all five failed (a 451).
                    long pause = 10L << (attempt - 1);
                    Thread.sleep(pause + ThreadLocalRandom.current().nextLong(pause + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Runs work in one transaction, with no result. */
    public void run(Consumer<Tx> work) {
        write(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Reads without a transaction of its own. */
    public <T> T read(Function<Tx, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(new Tx(em, sliceSize, skipLocked));
        } finally {
            em.close();
        }
    }

    @Override
    public void close() {
        if (!factory.isOpen()) {
            return;
        }
        factory.close();
        if (url.startsWith("jdbc:derby:")) {
            shutDownDerby();
        }
        LOG.info("store closed");
    }

    private void shutDownDerby() {
        String base = url.contains(";") ? url.substring(0, url.indexOf(';')) : url;
        try {
            DriverManager.getConnection(base + ";shutdown=true").close();
        } catch (SQLException e) {
            // Derby reports a clean shutdown of one database as SQLState 08006.
            if (!"08006".equals(e.getSQLState())) {
                LOG.warn("derby shutdown url={} error={}", base, e.getMessage());
            }
        }
    }
}
