package org.parley.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Postfix (Debian's) of the test's own, on loopback ports, with its configuration,
 * queue and log in a temporary folder: the site's MTA in front of Parley, configured with the
 * very lines the README gives. Postfix's master runs as root and its daemons as the postfix
 * user, so this needs root and the {@code postfix} package ({@code .ci/run} installs it).
 */
final class Postfix implements AutoCloseable {
    private final Path home;
    private final Path config;

    private Postfix(Path home) {
        this.home = home;
        this.config = home.resolve("etc");
    }

    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/postfix"))
                && Files.isExecutable(Path.of("/usr/sbin/postmap"));
    }

    /**
     * Starts Postfix listening on smtpPort, taking the domain's mail for the addresses of the
     * map (written by {@code parley postfix-maps}) and handing it to Parley's LMTP port, and
     * relaying everything else (Parley's copies) to the relay port.
     */
    static Postfix start(String domain, int smtpPort, int lmtpPort, int relayPort, String addresses)
            throws IOException, InterruptedException {
        // Not under the test's own temporary folder: Postfix's daemons (the postfix user) must reach it.
        Path home = Files.createTempDirectory("parley-postfix");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Postfix p = new Postfix(home);
        Files.createDirectories(p.config);
        Files.createDirectories(home.resolve("queue"));
        Path data = Files.createDirectories(home.resolve("data"));
        run("chown", "postfix", data.toString());
        Files.writeString(p.map(), addresses);
        Files.writeString(p.config.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + home.resolve("queue"),
                "data_directory = " + data,
                "command_directory = /usr/sbin",
                "daemon_directory = /usr/lib/postfix/sbin",
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "maillog_file_prefixes = " + home,
                "maillog_file = " + home.resolve("maillog"),
                "myhostname = mx." + domain,
                "mydomain = " + domain,
                "mydestination =",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "mynetworks = 127.0.0.0/8",
                "relayhost = [127.0.0.1]:" + relayPort,
                "alias_maps =",
                "local_recipient_maps =",
                "smtputf8_enable = no",
                // A queued message is tried again soon (the tests flush the queue anyway).
                "minimal_backoff_time = 5s",
                "maximal_backoff_time = 10s",
                "queue_run_delay = 5s",
                // The README's lines:
                "virtual_mailbox_domains = " + domain,
                "virtual_mailbox_maps = hash:" + p.map(),
                "virtual_transport = lmtp:inet:127.0.0.1:" + lmtpPort,
                "recipient_delimiter = +",
                ""));
        List<String> services = new ArrayList<>(List.of(
                "127.0.0.1:" + smtpPort + " inet n - n - - smtpd"));
        for (String line : new String[] {
            "pickup unix n - n 60 1 pickup", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr",
            "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0 bounce", "defer unix - - n - 0 bounce",
            "trace unix - - n - 0 bounce", "verify unix - - n - 1 verify", "flush unix n - n 1000? 0 flush",
            "proxymap unix - - n - - proxymap", "smtp unix - - n - - smtp", "relay unix - - n - - smtp",
            "showq unix n - n - - showq", "error unix - - n - - error", "retry unix - - n - - error",
            "discard unix - - n - - discard", "lmtp unix - - n - - lmtp", "anvil unix - - n - 1 anvil",
            "scache unix - - n - 1 scache", "postlog unix-dgram n - n - 1 postlogd"}) {
            services.add(line);
        }
        Files.writeString(p.config.resolve("master.cf"), String.join("\n", services) + "\n");
        run("/usr/sbin/postmap", "-c", p.config.toString(), p.map().toString());
        run("/usr/sbin/postfix", "-c", p.config.toString(), "start");
        return p;
    }

    Path map() {
        return config.resolve("parley-recipients");
    }

    /** Rebuilds the table from its text file, as an administrator does after parley postfix-maps. */
    void postmap() throws IOException, InterruptedException {
        run("/usr/sbin/postmap", "-c", config.toString(), map().toString());
    }

    /** Tries every queued message now, as {@code postqueue -f} does. */
    void flush() throws IOException, InterruptedException {
        run("/usr/sbin/postfix", "-c", config.toString(), "flush");
    }

    String log() {
        try {
            return Files.readString(home.resolve("maillog"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output.strip());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run("/usr/sbin/postfix", "-c", config.toString(), "abort");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
