package org.parley.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.admin.ExitCode;
import org.parley.model.HeldMessage;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.moderation.Action;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "held", mixinStandardHelpOptions = true, description = "List and decide held messages.",
        subcommands = {HeldCommand.ListHeld.class, HeldCommand.Approve.class, HeldCommand.Reject.class,
                HeldCommand.Discard.class})
final class HeldCommand {
    @ParentCommand
    ParleyCommand parent;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per held message: id, list, sender, Message-ID, reason, subject.")
    static final class ListHeld implements Callable<Integer>, AdminCommand {
        @ParentCommand
        HeldCommand parent;
        @Parameters(arity = "0..1", paramLabel = "LIST")
        String list;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            for (HeldMessage h : c.admin().held(Optional.ofNullable(list))) {
                c.out.println(String.join("\t", String.valueOf(h.id()), h.list(), h.sender(), h.messageId(),
                        h.reasons(), h.subject()));
            }
            return 0;
        }
    }

    abstract static class Decide implements Callable<Integer>, AdminCommand {
        @ParentCommand
        HeldCommand parent;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--reason", description = "Why; a rejection sends it to the author.")
        String reason = "";

        abstract Action action();

        /** Only an approval may go to every language of the room. */
        boolean allLanguages() {
            return false;
        }

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            String actor = "cli:" + System.getProperty("user.name", "admin");
            Outcome<HeldMessage> outcome = c.admin().decide(id, action(), reason, actor, allLanguages());
            if (outcome instanceof Outcome.Applied<HeldMessage> applied) {
                c.out.println(action().result().name().toLowerCase() + " " + id + ": " + applied.value().subject());
                return 0;
            }
            Refusal<HeldMessage> refused = (Refusal<HeldMessage>) outcome;
            String why = refused.why().equals("refused.unknown") ? "no held message " + id
                    : "held message " + id + " was already decided (" + refused.values().get("state") + " by "
                    + refused.values().get("by") + ")";
            c.err.println("parley: " + why);
            return ExitCode.DATA.code();
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve and distribute a held message.")
    static final class Approve extends Decide {
        @Option(names = "--all-languages", description = "Send it to every language list of its room (an announcement).")
        boolean all;

        @Override
        Action action() {
            return Action.APPROVE;
        }

        @Override
        boolean allLanguages() {
            return all;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a held message; the author is told why.")
    static final class Reject extends Decide {
        @Override
        Action action() {
            return Action.REJECT;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true, description = "Drop a held message silently.")
    static final class Discard extends Decide {
        @Override
        Action action() {
            return Action.DISCARD;
        }
    }
}
