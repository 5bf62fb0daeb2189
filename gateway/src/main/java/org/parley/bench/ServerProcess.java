package org.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.config.SettingsLoader;

/**
 * {@code parley serve} in a JVM of its own, started with the options a server is given
 * ({@code -Xms64m -Xmx512m -XX:+UseSerialGC}, as the systemd unit), so that what the bench
 * reports as the server's memory is the server's alone: the bench's posting clients, its sink
 * and their garbage stay in the bench's JVM. Watched through its Prometheus endpoint (arrivals
 * routed) and its GC log (the heap's peaks); its peak RSS read from /proc when it is stopped.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Thread reaper;
    private final Path dataDir;
    private final List<String> launcher;
    private final Path config;
    private final Path log;
    private final int smtpPort;
    private final int webPort;
    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path gcLog;
    private Report.Memory memory;

    private ServerProcess(Process process, Path dataDir, List<String> launcher, Path config, Path log, Path gcLog,
                          int smtpPort, int webPort, int metricsPort) {
        this.process = process;
        this.reaper = new Thread(process::destroy, "bench-server-reaper");
        this.dataDir = dataDir;
        this.launcher = launcher;
        this.config = config;
        this.log = log;
        this.gcLog = gcLog;
        this.smtpPort = smtpPort;
        this.webPort = webPort;
        this.metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
    }

    /**
     * Starts {@code launcher} (the java command up to Parley's main class) with {@code serve}
     * in a role (all, gateway, web) on the configuration loader holds, ports of its own added,
     * and waits until it answers. {@code dir} is the server's data folder, where its
     * configuration, log and GC log are written too.
     */
    static ServerProcess start(Path dir, SettingsLoader loader, List<String> launcher, String javaOptions, String role)
            throws IOException, InterruptedException {
        int smtp = freePort();
        int web = freePort();
        int metricsPort = freePort();
        // On PostgreSQL with no DKIM key to write, nothing has made the folder yet.
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.deleteIfExists(config);
        try {
            Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(config); // not a POSIX file system: its own rules
        }
        loader.set("parley.inbound.host", "127.0.0.1").set("parley.inbound.port", String.valueOf(smtp))
                .set("parley.web.host", "127.0.0.1").set("parley.web.port", String.valueOf(web))
                .set("parley.metrics.host", "127.0.0.1").set("parley.metrics.port", String.valueOf(metricsPort))
                .write(config);
        List<String> command = new ArrayList<>(launcher.subList(0, 1));
        for (String option : javaOptions.strip().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        // One line a collection, the heap before and after it: the true peaks, where sampling
        // would miss them between two looks.
        Path gcLog = dir.resolve("server-gc.log");
        Files.deleteIfExists(gcLog);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(launcher.subList(1, launcher.size()));
        command.addAll(List.of("--config", config.toString(), "serve", "--role", role));
        Path log = dir.resolve("server.log");
        ServerProcess server = new ServerProcess(configured(command).redirectOutput(ProcessBuilder.Redirect.appendTo(
                log.toFile())).start(), dir, launcher, config, log, gcLog, smtp, web, metricsPort);
        // A bench stopped from outside takes its server with it, rather than leave it holding the store and ports.
        Runtime.getRuntime().addShutdownHook(server.reaper);
        server.awaitAnswer();
        return server;
    }

    /**
     * A process of Parley's on exactly its configuration file: the bench's own PARLEY_*
     * variables are not laid over it; what it says goes to one stream.
     */
    private static ProcessBuilder configured(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AdminException("the bench's server stopped with exit code " + process.exitValue()
                        + " before it answered (check --server-java-options); its last lines, from " + log + ":\n"
                        + tail(), ExitCode.UNAVAILABLE);
            }
            try {
                scrape();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new AdminException("the bench's server did not answer on " + metrics + " within "
                            + START_TIMEOUT.toSeconds() + " s; see " + log, ExitCode.UNAVAILABLE);
                }
                Thread.sleep(100);
            }
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /**
     * Runs a {@code parley} command as an administrator does beside a running server (which
     * takes it over its admin channel); throws with what it said if it fails.
     */
    void run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("--config", config.toString()));
        command.addAll(args);
        Process admin = configured(command).start();
        byte[] said = admin.getInputStream().readAllBytes();
        if (admin.waitFor() != 0) {
            throw new AdminException("parley " + String.join(" ", args) + " failed beside the bench's server: "
                    + new String(said, StandardCharsets.UTF_8).strip(), ExitCode.UNAVAILABLE);
        }
    }

    /** The bytes of the files in a folder of the server's data folder (its search index: "search"). */
    long folderBytes(String name) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(name))) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    int smtpPort() {
        return smtpPort;
    }

    int webPort() {
        return webPort;
    }

    /** Arrivals the server has routed since it started, whatever their outcome. */
    long routed() throws IOException, InterruptedException {
        return (long) sum(scrape(), "parley_arrivals_total");
    }

    /**
     * Milliseconds the server's JIT compilers have spent since it started, summed over their
     * threads, as its JVM reports them.
     */
    double compilationMillis() throws IOException, InterruptedException {
        return sum(scrape(), "jvm_compilation_time_ms_total");
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + metrics + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The sum of a Prometheus metric's samples, whatever their labels. */
    private static double sum(String exposition, String name) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length()
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /**
     * Stops the server as systemd does (SIGTERM: it finishes what it is doing and lets go of its
     * leases), and returns its memory peaks: the heap before and after each collection, from
     * its GC log, and its peak RSS, read from /proc just before (-1 where /proc is not there).
     */
    Report.Memory stop() {
        if (memory == null) {
            long rss = MemorySampler.peakRssBytes(Path.of("/proc", String.valueOf(process.pid()), "status"));
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            memory = GcLog.peaks(gcLog, rss);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the bench's JVM is stopping already: its hook runs, harmlessly
            }
        }
        return memory;
    }

    @Override
    public void close() {
        stop();
    }
}
