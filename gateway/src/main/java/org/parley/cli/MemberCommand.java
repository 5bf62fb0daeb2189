package org.parley.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.people.Member;
import org.parley.people.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "member", mixinStandardHelpOptions = true, description = "Add, subscribe and list members.",
        subcommands = {MemberCommand.Add.class, MemberCommand.Subscribe.class, MemberCommand.ListMembers.class})
final class MemberCommand {
    @ParentCommand
    ParleyCommand parent;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a member.")
    static final class Add implements Callable<Integer>, AdminCommand {
        @ParentCommand
        MemberCommand parent;
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--delegation", paramLabel = "CC", description = "Member State (ISO 3166 code).")
        String delegation = "";
        @Option(names = "--language", paramLabel = "L", description = "Preferred language (default: the forum's).")
        String language;
        @Option(names = "--role", description = "delegate, moderator or admin (default: delegate).")
        String role = "delegate";
        @Option(names = "--trusted", description = "Posts go out without moderation.")
        boolean trusted;
        @Option(names = "--no-welcome", description = "Do not mail the welcome with the set-password link.")
        boolean noWelcome;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            Role parsed;
            try {
                parsed = Role.parse(role);
            } catch (IllegalArgumentException e) {
                c.err.println("parley: " + e.getMessage());
                return 2;
            }
            String lang = language == null ? c.settings().defaultLanguage() : language;
            Member m = c.admin().addMember(email, name, delegation, lang, parsed, trusted, !noWelcome);
            c.out.println("added member " + m.email() + " (" + m.role().label() + ", " + m.language() + ")");
            return 0;
        }
    }

    @Command(name = "subscribe", mixinStandardHelpOptions = true, description = "Subscribe a member to lists.")
    static final class Subscribe implements Callable<Integer>, AdminCommand {
        @ParentCommand
        MemberCommand parent;
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "LIST")
        List<String> lists;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            c.admin().subscribe(email, lists);
            c.out.println("subscribed " + email + " to " + String.join(", ", lists));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List members, of one list or all.")
    static final class ListMembers implements Callable<Integer>, AdminCommand {
        @ParentCommand
        MemberCommand parent;
        @Parameters(arity = "0..1", paramLabel = "LIST")
        String list;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            c.admin().members(Optional.ofNullable(list), m -> c.out.println(String.join("\t", m.email(), m.name(),
                    m.delegation(), m.language(), m.role().label(), m.trusted() ? "trusted" : "moderated")));
            return 0;
        }
    }
}
