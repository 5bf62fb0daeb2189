package org.parley.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.Forum;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.config.Settings;
import org.parley.logs.LogSetup;
import org.parley.server.PortInUse;
import org.parley.server.Role;
import org.parley.server.Server;
import org.parley.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the forum (mail listener, workers and web) until stopped.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    ParleyCommand parent;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "all", converter = RoleConverter.class,
            description = "What this node does: all (default), gateway (mail: listener, routing, chores, delivery)"
                    + " or web (the pages alone); nodes of several roles share one PostgreSQL.")
    Role role;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.context.settings();
        LogSetup.use(settings.logFormat());
        if (!settings.dbUrl().isEmpty() && Files.exists(settings.dataDir().resolve("secret"))) {
            // Tokens in mail are signed with the secret: a second node with its own would refuse them.
            LOG.warn("parley.secret comes from {} on this node only: with several nodes on one database, set"
                    + " parley.secret in the configuration of every node", settings.dataDir().resolve("secret"));
        }
        try (StopSignal stop = StopSignal.watch()) {
            Server server = start(settings, System.getenv(), role);
            parent.context.out.println("parley serving " + settings.domain() + " as " + role.name().toLowerCase(Locale.ROOT)
                    + ": mail " + (server.smtpPort() < 0 ? "not taken here" : "on " + settings.inbound().host() + ":"
                    + server.smtpPort() + " (" + settings.inbound().protocol().name().toLowerCase(Locale.ROOT) + ")")
                    + ", web " + (server.webPort() < 0 ? "not served here" : "on " + settings.web().host() + ":"
                    + server.webPort()) + ", relay " + settings.outbound().host() + ":" + settings.outbound().port()
                    + ", data in " + settings.dataDir());
            stop.awaitThenClose(server);
        }
        return 0;
    }

    /** Reads a role as an administrator writes it, and names the choices otherwise. */
    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a role: use all, gateway or web");
            }
        }
    }

    /** Opens the store and starts a server whose admin channel runs command lines in it. */
    static Server start(Settings settings, Map<String, String> env) throws IOException {
        return start(settings, env, Role.ALL);
    }

    static Server start(Settings settings, Map<String, String> env, Role role) throws IOException {
        Forum forum = new Forum(settings, Store.open(settings), Clock.systemUTC(), new SecureRandom());
        Server server = new Server(forum, role);
        try {
            return server.start((args, stdin, out, err) ->
                    Main.run(args, new ByteArrayInputStream(stdin), out, err, Optional.of(server.admin()), env));
        } catch (PortInUse e) {
            server.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new AdminException("cannot start: " + e.getMessage(),
                    ExitCode.TEMPORARY);
        }
    }
}
