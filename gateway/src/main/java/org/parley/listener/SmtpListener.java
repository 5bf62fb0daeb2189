package org.parley.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.parley.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts SMTP or LMTP connections, one thread per session up to the configured number. */
public final class SmtpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    private final Settings settings;
    private final MailSink sink;
    private final ServerSocket server;
    private final ThreadPoolExecutor sessions;
    private final Thread acceptor;

    public SmtpListener(Settings settings, MailSink sink) throws IOException {
        this.settings = settings;
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
                try {
                    sessions.execute(new SmtpSession(socket, settings, sink));
                } catch (RejectedExecutionException e) {
                    busy(socket);
                }
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.warn("accept failed error={}", e.getMessage());
            }
        }
    }

    private static void busy(Socket socket) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write("421 4.3.2 Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII));
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
