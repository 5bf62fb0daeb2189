package org.parley.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.admin.ExitCode;
import org.parley.store.Arrivals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "arrivals", mixinStandardHelpOptions = true,
        description = "Incoming messages whose routing failed: list them, and route them again once the cause is fixed.",
        subcommands = {ArrivalsCommand.ListFailed.class, ArrivalsCommand.Retry.class})
final class ArrivalsCommand {
    @ParentCommand
    ParleyCommand parent;

    @Command(name = "failed", mixinStandardHelpOptions = true,
            description = "One line per failed arrival: id, received at, envelope sender, recipient, error.")
    static final class ListFailed implements Callable<Integer>, AdminCommand {
        @ParentCommand
        ArrivalsCommand parent;
        @Option(names = "--limit", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit = 100;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            List<Arrivals.Failed> failed = c.admin().failedArrivals(limit);
            for (Arrivals.Failed f : failed) {
                c.out.println(String.join("\t", String.valueOf(f.id()), f.receivedAt().toString(), f.mailFrom(),
                        f.recipient(), f.error().replaceAll("\\s+", " ")));
            }
            if (failed.isEmpty()) {
                c.err.println("no failed arrivals");
            }
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Route failed arrivals again: one by ID, or --all.")
    static final class Retry implements Callable<Integer>, AdminCommand {
        @ParentCommand
        ArrivalsCommand parent;
        @Parameters(arity = "0..1", paramLabel = "ID")
        Long id;
        @Option(names = "--all", description = "Every failed arrival.")
        boolean all;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            if ((id == null) == !all) {
                c.err.println("parley: arrivals retry takes an ID or --all, not both or neither");
                return ExitCode.USAGE.code();
            }
            int count = c.admin().retryArrivals(Optional.ofNullable(id));
            c.out.println("routing again " + count + " arrival" + (count == 1 ? "" : "s"));
            return 0;
        }
    }
}
