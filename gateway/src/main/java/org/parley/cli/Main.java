package org.parley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.admin.Admin;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.config.ConfigException;
import org.parley.server.AdminClient;
import org.parley.server.PortInUse;
import org.parley.store.StoreException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The {@code parley} command line. Failures become one line on stderr and an {@link ExitCode}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        MailProviders.pin();
        String command = command(args);
        boolean daemon = command.equals("serve") || command.equals("demo");
        if (System.getProperty("parley.log.level") == null) {
            System.setProperty("parley.log.level", daemon ? "info" : "warn");
        }
        System.exit(run(args, System.in, System.out, System.err, Optional.empty(), System.getenv()));
    }

    /** The command named, past the global options (parley --config FILE serve). */
    static String command(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return "";
    }

    /** Runs one command line; serverAdmin is present when the server runs it for a client. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err,
                          Optional<Admin> serverAdmin, Map<String, String> env) {
        try (Context context = new Context(out, err, stdin, serverAdmin, env)) {
            if (serverAdmin.isEmpty()) {
                Optional<Integer> remote = remote(args, context);
                if (remote.isPresent()) {
                    return remote.get();
                }
            }
            return commandLine(context).execute(args);
        } catch (RuntimeException e) {
            return fail(e, err, List.of(args).contains("--verbose"));
        }
    }

    private static CommandLine commandLine(Context context) {
        CommandLine cl = new CommandLine(new ParleyCommand(context));
        cl.setOut(new PrintWriter(context.out, true));
        cl.setErr(new PrintWriter(context.err, true));
        cl.setParameterExceptionHandler((e, args) -> {
            context.err.println("parley: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> fail(e, context.err, context.verbose));
        return cl;
    }

    /** Sends an admin command to a running server for this data folder, if there is one. */
    private static Optional<Integer> remote(String[] args, Context context) {
        ParseResult parsed;
        try {
            parsed = commandLine(context).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty(); // execute() will report it
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Object command = leaf.commandSpec().userObject();
        if (!(command instanceof AdminCommand) || leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
            return Optional.empty();
        }
        try {
            byte[] stdin = new byte[0];
            String[] sent = args;
            if (command instanceof FileInput input) {
                stdin = InjectCommand.read(input.file(), context);
                sent = args.clone();
                if (!input.file().equals("-")) {
                    for (int i = sent.length - 1; i >= 0; i--) {
                        if (sent[i].equals(input.file())) {
                            sent[i] = "-";
                            break;
                        }
                    }
                }
                Optional<Integer> result = AdminClient.tryRemote(context.settings().dataDir(), sent, stdin, context.out,
                        context.err);
                if (result.isPresent()) {
                    return result;
                }
                context.replaceStdin(stdin); // no server: run here, on the bytes already read
                return Optional.of(commandLine(context).execute(sent));
            }
            if (command instanceof FilePath file && file.path() != null && !file.path().equals("-")) {
                sent = args.clone();
                for (int i = sent.length - 1; i >= 0; i--) {
                    if (sent[i].equals(file.path())) {
                        sent[i] = Path.of(file.path()).toAbsolutePath().toString();
                        break;
                    }
                }
            }
            return AdminClient.tryRemote(context.settings().dataDir(), sent, stdin, context.out, context.err);
        } catch (IOException e) {
            throw new AdminException("cannot reach the running server: " + e.getMessage(), ExitCode.TEMPORARY);
        }
    }

    static int fail(Exception e, PrintStream err, boolean verbose) {
        int code;
        String message;
        if (e instanceof AdminException a) {
            code = a.exitCode();
            message = a.getMessage();
        } else if (e instanceof PortInUse) {
            code = ExitCode.TEMPORARY.code();
            message = e.getMessage();
        } else if (e instanceof ConfigException) {
            code = ExitCode.USAGE.code();
            message = "configuration: " + e.getMessage();
        } else if (e instanceof StoreException store) {
            code = (store.retryable() ? ExitCode.TEMPORARY : ExitCode.USAGE).code();
            message = e.getMessage();
        } else {
            code = ExitCode.INTERNAL.code();
            message = "internal error: " + e;
        }
        err.println("parley: " + message);
        if (verbose) {
            e.printStackTrace(err);
        }
        return code;
    }
}
