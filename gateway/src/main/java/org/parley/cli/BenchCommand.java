package org.parley.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.admin.ExitCode;
import org.parley.bench.Bench;
import org.parley.bench.BenchDatabase;
import org.parley.bench.MailBench;
import org.parley.config.Settings;
import org.parley.dkim.DkimKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the mail path and the archive against the targets, in one run, on fresh stores.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    ParleyCommand parent;
    @Option(names = "--members", description = "Members of the benchmark list (default: ${DEFAULT-VALUE}).")
    int members = 10_000;
    @Option(names = "--posts", description = "Posts sent over SMTP (default: ${DEFAULT-VALUE}).")
    int posts = 200;
    @Option(names = "--warm-up", description = "Posts delivered before measuring, so that the JIT compiler has done"
            + " its work, as it has in a server that runs for days; the bare client warms up likewise, and"
            + " the routing part posts rounds of its own until the server's JIT is quiet; 0 measures all"
            + " cold (default: ${DEFAULT-VALUE}).")
    int warmUp = 50;
    @Option(names = "--clients", description = "SMTP connections posting at once; mail servers deliver a burst over"
            + " several (Postfix opens up to 20 to one destination) (default: ${DEFAULT-VALUE}).")
    int clients = 8;
    @Option(names = "--workers", description = "Outbound workers, each with one connection to the sink; the bare"
            + " client opens as many (default: ${DEFAULT-VALUE}, as parley.outbound.workers).")
    int workers = 4;
    @Option(names = "--archive-messages", description = "Messages in the archive (default: ${DEFAULT-VALUE}).")
    int archiveMessages = 100_000;
    @Option(names = "--requests", description = "Requests of each page kind (default: ${DEFAULT-VALUE}).")
    int requests = 300;
    @Option(names = "--parts", split = ",", description = "mail, archive or both (default: mail,archive).")
    List<String> parts = List.of("mail", "archive");
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;
    @Option(names = "--data-dir", description = "Where the benchmark's stores go (default: a new temporary folder).")
    Path dataDir;
    @Option(names = "--timeout", description = "Seconds to wait for deliveries (default: ${DEFAULT-VALUE}).")
    long timeout = 1800;
    @Option(names = "--dkim", split = ",", paramLabel = "ALG", description = "Sign every copy with a fresh key of each"
            + " algorithm: none, ed25519, rsa (default: ${DEFAULT-VALUE}).")
    List<String> dkim = List.of("ed25519");
    @Option(names = "--sign-links", paramLabel = "providers|always|never", description = "Which copies' own unsubscribe"
            + " link the signature covers, as parley.dkim.sign-unsubscribe (one in ten of the bench's members is at a"
            + " mailbox provider) (default: ${DEFAULT-VALUE}).")
    String signLinks = "providers";
    @Option(names = "--routed-posts", description = "Posts sent to a list of two members, to measure posts routed"
            + " per second with next to no copies to send; 0 leaves it out (default: ${DEFAULT-VALUE}).")
    int routedPosts = 2_000;
    @Option(names = "--large-members", description = "Members of a second list that gets one post, to measure a large"
            + " fan-out; 0 leaves it out (default: ${DEFAULT-VALUE}).")
    int largeMembers = 100_000;
    @Option(names = "--welcomes", description = "Members imported into the benchmark list while the server runs, to"
            + " measure mail sent to one member at a time (their welcomes); 0 leaves it out (default: ${DEFAULT-VALUE}).")
    int welcomes = 1_000;
    @Option(names = "--db-url", paramLabel = "URL", description = "Measure on PostgreSQL: jdbc:postgresql://HOST:PORT/DATABASE;"
            + " each part gets a fresh database of its own there (the user needs CREATEDB), analyzed after each"
            + " warm-up and dropped at the end (default: embedded Derby in the data folder).")
    String dbUrl = "";
    @Option(names = "--db-user", description = "The database user with --db-url (default: ${DEFAULT-VALUE}).")
    String dbUser = "parley";
    @Option(names = "--db-password", description = "Its password with --db-url (default: none).")
    String dbPassword = "";
    @Option(names = "--server-java-options", paramLabel = "OPTIONS", description = "The JVM options of the server the"
            + " mail part runs in a JVM of its own, so that its memory is the server's alone (default: ${DEFAULT-VALUE},"
            + " as the systemd unit).")
    String serverJavaOptions = "-Xms64m -Xmx512m -XX:+UseSerialGC";
    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Context c = parent.context;
        for (String part : parts) {
            if (!part.equals("mail") && !part.equals("archive")) {
                c.err.println("parley: --parts takes mail and/or archive, not '" + part + "'");
                return ExitCode.USAGE.code();
            }
        }
        if (members < 1 || posts < 1 || archiveMessages < 1 || requests < 1 || clients < 1 || workers < 1) {
            c.err.println("parley: sizes must be at least 1");
            return ExitCode.USAGE.code();
        }
        if (routedPosts < 0 || largeMembers < 0 || welcomes < 0) {
            c.err.println("parley: --routed-posts, --large-members and --welcomes take 0 (left out) or more");
            return ExitCode.USAGE.code();
        }
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql://")) {
            c.err.println("parley: --db-url takes jdbc:postgresql://HOST:PORT/DATABASE, not '" + dbUrl + "'");
            return ExitCode.USAGE.code();
        }
        if (warmUp < 0) {
            c.err.println("parley: --warm-up takes 0 or more posts");
            return ExitCode.USAGE.code();
        }
        List<DkimKey.Algorithm> algorithms = new ArrayList<>();
        for (String name : dkim) {
            if (name.equalsIgnoreCase("none")) {
                continue;
            }
            try {
                algorithms.add(DkimKey.Algorithm.named(name));
            } catch (IllegalArgumentException e) {
                c.err.println("parley: --dkim takes none, ed25519 or rsa, not '" + name + "'");
                return ExitCode.USAGE.code();
            }
        }
        Settings.LinkSigning links;
        try {
            links = Settings.LinkSigning.valueOf(signLinks.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            c.err.println("parley: --sign-links takes providers, always or never, not '" + signLinks + "'");
            return ExitCode.USAGE.code();
        }
        if (json != null && !Files.isWritable(json.toAbsolutePath().getParent())) {
            c.err.println("parley: --json " + json + ": its folder does not exist or this user may not write there");
            return ExitCode.USAGE.code();
        }
        Path dir;
        try {
            dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("parley-bench-");
        } catch (IOException e) {
            c.err.println("parley: --data-dir " + dataDir + ": cannot make that folder ("
                    + (e instanceof FileAlreadyExistsException ? "a file is there" : e.getMessage())
                    + "); give a folder this user may write");
            return ExitCode.USAGE.code();
        }
        try (BenchDatabase db = new BenchDatabase(dbUrl, dbUser, dbPassword)) {
            db.check();
            Bench.Figures report = new Bench(c.out, c.err, !noProgress).run(dir, parts.contains("mail"),
                    parts.contains("archive"), new MailBench.Options(members, posts, warmUp, clients, workers, 0.25,
                            timeout, algorithms, links, routedPosts, largeMembers, welcomes, db, launcher(),
                            serverJavaOptions), archiveMessages, requests);
            // Written before the databases are dropped, so that the figures outlive a failed drop.
            if (json != null) {
                Files.writeString(json, report.json(), StandardCharsets.UTF_8);
            }
        }
        return 0;
    }

    /** The java command that starts Parley's main class with this JVM's own class path. */
    private static List<String> launcher() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName());
    }
}
