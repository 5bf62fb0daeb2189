package org.parley.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.parley.Forum;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.config.Settings;
import org.parley.server.PortInUse;
import org.parley.server.Server;
import org.parley.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway (mail listener and workers) until stopped.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    ParleyCommand parent;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.context.settings();
        Server server = start(settings, System.getenv());
        parent.context.out.println("parley serving " + settings.domain() + ": mail on " + settings.inbound().host() + ":"
                + server.smtpPort() + " (" + settings.inbound().protocol().name().toLowerCase() + "), relay "
                + settings.outbound().host() + ":" + settings.outbound().port() + ", data in " + settings.dataDir());
        awaitShutdown(server);
        return 0;
    }

    /** Opens the store and starts a server whose admin channel runs command lines in it. */
    static Server start(Settings settings, Map<String, String> env) throws IOException {
        Forum forum = new Forum(settings, Store.open(settings), Clock.systemUTC(), new SecureRandom());
        Server server = new Server(forum);
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

    /** Blocks until the JVM is asked to stop, then closes the server cleanly. */
    static void awaitShutdown(AutoCloseable... closeables) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        stopped.await();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("parley: error while stopping: " + e.getMessage());
            }
        }
        closed.countDown();
    }
}
