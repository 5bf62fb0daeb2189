package org.parley.store;

import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Why the store did not open, said in one line with the fix that fits the cause: a server
 * that does not answer, a database that does not exist, credentials refused, a driver that
 * Parley does not ship, a data folder held by another process.
 */
final class OpenFailure {
    private OpenFailure() {
    }

    /** A URL Parley has no driver for: said before anything is tried. */
    static StoreException unsupported(String url) {
        return new StoreException("parley.db.url '" + url + "' is not supported: use jdbc:postgresql://HOST:PORT/DATABASE,"
                + " or leave it empty for the embedded store in the data folder", null, false);
    }

    /**
     * Runs work that reaches the database (opening the store, reading or applying its
     * migrations) and says any failure the way opening says it; a failure already said
     * ({@link StoreException}) passes as it is.
     */
    static <T> T reported(String url, Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw of(url, e);
        }
    }

    static StoreException of(String url, Throwable e) {
        SQLException sql = find(e, SQLException.class);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String root = Store.rootMessage(e);
        if (find(e, UnknownHostException.class) != null) {
            return new StoreException("cannot find the database host in " + url + ": " + root
                    + " (check the host name in parley.db.url)", e, true);
        }
        if (state.equals("XSDB6") || root.contains("Another instance of Derby")) {
            return new StoreException("the data folder's store is open in another parley process (" + url
                    + "): stop that process, or run admin commands while 'parley serve' runs (they reach it)", e, true);
        }
        if (state.equals("XJ004")) {
            return new StoreException("no database at " + url + ": add ;create=true to parley.db.url, or leave it"
                    + " empty for the store in the data folder", e, false);
        }
        if (state.equals("3D000")) {
            return new StoreException("no database at " + url + ": create it (createdb NAME, as its owner) or fix"
                    + " parley.db.url", e, false);
        }
        if (state.startsWith("28")) {
            return new StoreException("the database refused the login at " + url + ": check parley.db.user and"
                    + " parley.db.password", e, false);
        }
        if (state.startsWith("08") || root.toLowerCase(Locale.ROOT).contains("connection refused")) {
            return new StoreException("cannot reach the database server at " + url + ": " + root
                    + " (is it running and listening there? see parley.db.url)", e, true);
        }
        return new StoreException("cannot open the store at " + url + ": " + root, e, Store.isTransient(e));
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof SQLException s && s.getNextException() != null && type.isInstance(s.getNextException())) {
                return type.cast(s.getNextException());
            }
        }
        return null;
    }
}
