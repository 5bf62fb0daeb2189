package org.parley.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.parley.admin.ExitCode;
import org.parley.model.Delegation;
import org.parley.model.Member;
import org.parley.model.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "member", mixinStandardHelpOptions = true, description = "Add, subscribe and list members.",
        subcommands = {MemberCommand.Add.class, MemberCommand.Change.class, MemberCommand.Import.class,
                MemberCommand.Subscribe.class,
                MemberCommand.ListMembers.class, MemberCommand.Show.class, MemberCommand.Enable.class,
                MemberCommand.Forget.class})
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
        @Option(names = "--delegation", paramLabel = "CC",
                description = "Member State (ISO 3166 code); for staff and guests, an organisation (e.g. WIPO).")
        String delegation = "";
        @Option(names = "--language", paramLabel = "L", description = "Preferred language (default: the forum's).")
        String language;
        @Option(names = "--role", description = "delegate, translator, moderator, chief-moderator, admin or guest"
                + " (default: delegate).")
        String role = "delegate";
        @Option(names = "--moderates", split = ",", paramLabel = "L",
                description = "For a moderator: the languages they decide for (default: all).")
        List<String> moderates = List.of();
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
                return ExitCode.USAGE.code();
            }
            String lang = language == null ? c.settings().defaultLanguage() : language;
            Member m = c.admin().addMember(email, name, delegation, lang, parsed, trusted,
                    new TreeSet<>(moderates), !noWelcome);
            c.out.println("added member " + m.email() + " (" + describe(m) + ")");
            return 0;
        }
    }

    static String describe(Member m) {
        return m.role().label() + ", " + m.language()
                + (m.role().moderates() ? ", moderates " + (m.role().moderatesAllLanguages() || m.moderatedLanguages()
                .isEmpty() ? "all languages" : String.join(",", m.moderatedLanguages())) : "")
                + (m.trusted() ? ", trusted" : "")
                + (m.focalPoint() ? ", focal point of " + m.delegation() : "");
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change a member's role, moderated languages, trust or focal point.")
    static final class Change implements Callable<Integer>, AdminCommand {
        @ParentCommand
        MemberCommand parent;
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--role", description = "delegate, translator, moderator, chief-moderator, admin or guest.")
        String role;
        @Option(names = "--moderates", split = ",", paramLabel = "L",
                description = "The languages a moderator decides for; 'all' for every language.")
        List<String> moderates;
        @Option(names = "--trusted", negatable = true, description = "Posts go out without moderation (--no-trusted: held).")
        Boolean trusted;
        @Option(names = "--focal-point", negatable = true, description = "A focal point of the member's delegation (a"
                + " Member State): joins from its addresses come to them first; they see its members and hear when one"
                + " leaves or bounces (--no-focal-point: no longer).")
        Boolean focalPoint;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            Optional<Role> parsed;
            try {
                parsed = Optional.ofNullable(role).map(Role::parse);
            } catch (IllegalArgumentException e) {
                c.err.println("parley: " + e.getMessage());
                return ExitCode.USAGE.code();
            }
            Optional<Set<String>> languages = Optional.ofNullable(moderates)
                    .map(l -> l.contains("all") ? Set.of() : new TreeSet<>(l));
            Member m = c.admin().updateMember(email, parsed, languages, Optional.ofNullable(trusted),
                    Optional.ofNullable(focalPoint));
            c.out.println("member " + m.email() + " (" + describe(m) + ")");
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add or update members from a CSV file with a header row: email,name,delegation,language,"
                    + "role,rooms (rooms separated by ';'), optionally moderates and trusted.")
    static final class Import implements Callable<Integer>, AdminCommand, FileInput {
        @ParentCommand
        MemberCommand parent;
        @Parameters(paramLabel = "FILE", description = "The CSV file (UTF-8); - reads standard input.")
        String file;
        @Option(names = "--dry-run", description = "Show what would change, and change nothing.")
        boolean dryRun;

        @Override
        public String file() {
            return file;
        }

        @Override
        public Integer call() throws IOException {
            Context c = parent.parent.context;
            byte[] bytes = InjectCommand.read(file, c);
            var report = c.admin().importMembers(new InputStreamReader(new ByteArrayInputStream(bytes),
                    StandardCharsets.UTF_8), dryRun, c.out::println, c.err::println);
            c.out.println((dryRun ? "dry run: would add " : "added ") + report.added() + ", "
                    + (dryRun ? "update " : "updated ") + report.updated() + ", unchanged " + report.unchanged()
                    + ", bad rows " + report.bad());
            return report.bad() > 0 ? ExitCode.DATA.code() : ExitCode.OK.code();
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

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Forget a member who asked for it: name and address replaced by \"Former member\" everywhere"
                    + " the forum wrote them, lists, password and sessions gone; posts kept under \"Former member\""
                    + " unless --erase-posts.")
    static final class Forget implements Callable<Integer>, AdminCommand {
        @ParentCommand
        MemberCommand parent;
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (goes into the audit log).")
        String reason;
        @Option(names = "--erase-posts", description = "Erase their posts too (tombstones keep the threads' shape).")
        boolean erasePosts;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            var forgotten = c.admin().forget(email, erasePosts, reason, "cli:" + System.getProperty("user.name", "admin"));
            c.out.println("forgot " + email + ": now " + forgotten.placeholder() + "; lists left: "
                    + (forgotten.lists().isEmpty() ? "none" : String.join(", ", forgotten.lists()))
                    + "; posts erased: " + forgotten.erased() + ", kept as former member: " + forgotten.kept());
            c.out.println("copies already delivered to members' mailboxes, and what others quoted, are out of the"
                    + " forum's reach");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A member's lists with delivery, bounce score and state, and the last bounce of their mail.")
    static final class Show implements Callable<Integer>, AdminCommand {
        @ParentCommand
        MemberCommand parent;
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            var d = c.admin().deliverability(email);
            Member m = d.member();
            c.out.println(m.email() + "\t" + m.name() + "\t" + (m.delegation().isEmpty() ? "-" : m.delegation()) + "\t"
                    + m.role().label());
            for (var list : d.lists()) {
                c.out.println("  " + list.list() + "\tdelivery " + (list.stopped() ? "stopped by bounces (warnings sent: "
                        + list.warnings() + ")" : "on") + "\tbounce score " + list.score()
                        + list.lastBounce().map(at -> " (last counted " + at + ")").orElse(""));
            }
            c.out.println("  last bounce: " + d.lastBounce().map(b -> b.at() + " " + (b.permanent() ? "permanent" : "temporary")
                    + (b.status().isEmpty() ? "" : " " + b.status()) + " on " + b.list()).orElse("none"));
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Turn on again a list's delivery that bounces stopped (the bounce score starts from zero).")
    static final class Enable implements Callable<Integer>, AdminCommand {
        @ParentCommand
        MemberCommand parent;
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;
        @Parameters(index = "1", paramLabel = "LIST")
        String list;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            boolean enabled = c.admin().enableDelivery(email, list, "cli:" + System.getProperty("user.name", "admin"));
            c.out.println(enabled ? email + ": delivery of " + list + " is on again"
                    : email + ": delivery of " + list + " was not stopped; nothing changed");
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
                    m.delegation().isEmpty() ? "-" : m.delegation(), Delegation.kind(m.delegation()).label(), m.language(),
                    m.role().label(), m.trusted() ? "trusted" : "moderated")
                    + (m.focalPoint() ? "\tfocal-point" : "")));
            return 0;
        }
    }
}
