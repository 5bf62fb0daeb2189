package org.parley.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.config.Secrets;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.store.Migrations;
import org.parley.store.Store;

/**
 * What every command may need: its streams, the settings, and an {@link Admin}, which is
 * the running server's when the command runs inside it, else a store opened for this
 * command alone and closed after it.
 */
final class Context implements AutoCloseable {
    final PrintStream out;
    final PrintStream err;
    private InputStream stdin;
    private final Optional<Admin> serverAdmin;
    private final Map<String, String> env;
    Path configFile;
    boolean verbose;
    private Forum localForum;

    Context(PrintStream out, PrintStream err, InputStream stdin, Optional<Admin> serverAdmin, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.stdin = stdin;
        this.serverAdmin = serverAdmin;
        this.env = env;
    }

    SettingsLoader loader() {
        SettingsLoader loader = SettingsLoader.defaults();
        if (configFile != null) {
            loader.file(configFile);
        }
        return loader.environment(env);
    }

    Settings settings() {
        return Secrets.ensure(loader().load(), new SecureRandom());
    }

    Admin admin() {
        if (serverAdmin.isPresent()) {
            return serverAdmin.get();
        }
        if (localForum == null) {
            Settings settings = settings();
            localForum = new Forum(settings, Store.open(settings), Clock.systemUTC(), new SecureRandom());
        }
        return new Admin(localForum);
    }

    /**
     * The database's schema: the running server's, else the store's, read without opening it,
     * so that {@code db info} shows what an upgrade will apply before anything applies it.
     */
    Migrations schema() {
        return serverAdmin.map(Admin::schema).orElseGet(() -> Store.migrations(settings()));
    }

    void replaceStdin(byte[] bytes) {
        stdin = new ByteArrayInputStream(bytes);
    }

    byte[] readStdin() throws IOException {
        return stdin.readAllBytes();
    }

    @Override
    public void close() {
        if (localForum != null) {
            localForum.close();
        }
    }
}
