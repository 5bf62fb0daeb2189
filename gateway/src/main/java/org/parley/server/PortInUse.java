package org.parley.server;

import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/**
 * A port Parley must listen on is taken by another program. Said in one line, with the
 * setting (for {@code serve}) or the option (for {@code demo}) that moves it.
 */
public final class PortInUse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which of Parley's doors could not open, and what moves it. */
    public enum Door {
        MAIL("mail listener", "parley.inbound.port", "--smtp-port"),
        WEB("archive web server", "parley.web.port", "--web-port"),
        METRICS("metrics endpoint", "parley.metrics.port", ""),
        SANDBOX_SMTP("sandbox SMTP server", "", "--sandbox-smtp-port"),
        SANDBOX_IMAP("sandbox IMAP server", "", "--sandbox-imap-port");

        private final String what;
        private final String key;
        private final String option;

        Door(String what, String key, String option) {
            this.what = what;
            this.key = key;
            this.option = option;
        }
    }

    private final Door door;
    private final int port;

    public PortInUse(Door door, int port, Throwable cause) {
        super("port " + port + " (" + door.what + ") is in use by another program: stop it, or set " + door.key
                + " (" + door.key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")", cause);
        this.door = door;
        this.port = port;
    }

    /** The same, for the demo, whose ports are options. */
    public String demoAdvice() {
        return "port " + port + " (" + door.what + ") is in use by another program: stop it, or choose another with "
                + door.option;
    }

    /**
     * Fails at once if another program holds the port, before a server that reports it
     * badly (GreenMail with a time-out, Javalin with an error line) tries it. Port 0 is any.
     */
    public static void requireFree(String host, int port, Door door) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new PortInUse(door, port, e);
        }
    }

    /** Whether a failure to start is a port somebody else holds. */
    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t instanceof JavalinBindException) {
                return true;
            }
        }
        return false;
    }
}
