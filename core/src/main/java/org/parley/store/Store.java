package org.parley.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
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

    private final EntityManagerFactory factory;
    private final String url;

    private Store(EntityManagerFactory factory, String url) {
        this.factory = factory;
        this.url = url;
    }

    /** Opens (and on first use creates) the store the settings name. */
    public static Store open(Settings settings) {
        String url = settings.dbUrl().isEmpty() ? derbyUrl(settings.dataDir()) : settings.dbUrl();
        if (url.startsWith("jdbc:derby:") && System.getProperty("derby.stream.error.file") == null) {
            // Derby would otherwise write derby.log into whatever folder we were started from.
            System.setProperty("derby.stream.error.file", settings.dataDir().resolve("derby.log").toString());
        }
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.jdbc.url", url);
        props.put("jakarta.persistence.jdbc.user", settings.dbUser());
        props.put("jakarta.persistence.jdbc.password", settings.dbPassword());
        props.put("jakarta.persistence.jdbc.driver", driverFor(url));
        props.put("eclipselink.ddl-generation", "create-or-extend-tables");
        props.put("eclipselink.ddl-generation.output-mode", "database");
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.logging.level", "SEVERE");
        props.put("eclipselink.logging.logger", "JavaLogger");
        props.put("eclipselink.connection-pool.default.initial", "2");
        props.put("eclipselink.connection-pool.default.min", "2");
        props.put("eclipselink.connection-pool.default.max", String.valueOf(settings.dbPoolSize()));
        props.put("eclipselink.jdbc.batch-writing", "JDBC");
        props.put("eclipselink.cache.shared.default", "false");
        try {
            EntityManagerFactory factory = Persistence.createEntityManagerFactory("parley", props);
            factory.createEntityManager().close(); // connect and create the schema now, not on first mail
            LOG.info("store open url={}", redact(url));
            return new Store(factory, url);
        } catch (PersistenceException e) {
            throw new StoreException("cannot open the store at " + redact(url) + ": " + rootMessage(e), e);
        }
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

    private static String redact(String url) {
        return url.replaceAll("password=[^;&]*", "password=***");
    }

    static String rootMessage(Throwable e) {
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
            T result = work.apply(new Tx(em));
            tx.commit();
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
            return work.apply(new Tx(em));
        } finally {
            em.close();
        }
    }

    @Override
    public void close() {
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
