package org.parley.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.parley.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts SMTP or LMTP connections, one thread per session up to the configured number, and
 * at most a configured number from one client address, so the others stay open to everyone.
 */
public final class SmtpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    private final Settings settings;
    private final MailSink sink;
    private final ServerSocket server;
    private final ThreadPoolExecutor sessions;
    private final Thread acceptor;
    private final Clock clock;
    /** Sessions open per client address, so that one client cannot take them all. */
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    public SmtpListener(Settings settings, MailSink sink, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.sink = sink;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(settings.inbound().host()), settings.inbound().port()),
                128);
        int max = settings.inbound().maxSessions();
        this.sessions = new ThreadPoolExecutor(max, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "smtp-session");
            t.setDaemon(true);
            return t;
        });
        sessions.allowCoreThreadTimeOut(true);
        this.acceptor = new Thread(this::acceptLoop, "smtp-listener");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("listening protocol={} address={}:{}", settings.inbound().protocol().name().toLowerCase(),
                settings.inbound().host(), port());
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                InetAddress client = socket.getInetAddress();
                if (perClient.merge(client, 1, Integer::sum) > settings.inbound().maxSessionsPerClient()) {
                    release(client);
                    LOG.info("{} refused connection remote={} why=too many sessions from it",
                            settings.inbound().protocol().name().toLowerCase(Locale.ROOT), client.getHostAddress());
                    busy(socket, "421 4.7.0 Too many connections from your address, try again later");
                    continue;
                }
                try {
                    sessions.execute(() -> {
                        try {
                            new SmtpSession(socket, settings, sink, clock).run();
                        } finally {
                            release(client);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    release(client);
                    busy(socket, "421 4.3.2 Too many connections, try again later");
                }
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.warn("accept failed error={}", e.getMessage());
            }
        }
    }

    /** One session of this client fewer; a client with none leaves the table. */
    private void release(InetAddress client) {
        perClient.computeIfPresent(client, (c, count) -> count > 1 ? count - 1 : null);
    }

    private static void busy(Socket socket, String reply) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the peer is gone already
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing listener failed error={}", e.getMessage());
        }
        sessions.shutdownNow();
        try {
            acceptor.join(2000);
            sessions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
