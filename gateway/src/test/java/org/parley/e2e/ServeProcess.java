package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.cli.Main;

/** `parley serve` (or another command) in a process of its own, as an administrator runs it, for tests that kill it. */
public final class ServeProcess {
    private ServeProcess() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts `parley serve ARGS` with this environment, its output in the file. */
    static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> serve = new ArrayList<>(List.of("serve"));
        serve.addAll(List.of(args));
        return command(env, log, serve);
    }

    /** Starts `parley ARGS` (a command and its options) with this environment, its output in the file. */
    public static Process command(Map<String, String> env, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /** Counts what GreenMail holds, again if it was still storing a message while counted. */
    static <T> T whileStoring(Callable<T> count) throws Exception {
        while (true) {
            try {
                return count.call();
            } catch (ConcurrentModificationException stillArriving) {
                Thread.sleep(50);
            }
        }
    }

    /** An administrator's command line, run here, that must succeed. */
    static void parley(Map<String, String> env, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), env);
        assertEquals(0, code, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
    }
}
