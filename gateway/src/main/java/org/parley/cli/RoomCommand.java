package org.parley.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.admin.ExitCode;
import org.parley.model.ForumList;
import org.parley.config.Settings;
import org.parley.model.NonMemberAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "room", mixinStandardHelpOptions = true, description = "Create and list rooms.",
        subcommands = {RoomCommand.Create.class, RoomCommand.ListRooms.class, RoomCommand.Policy.class})
final class RoomCommand {
    @ParentCommand
    ParleyCommand parent;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a room, with one list per language (ID-en, ID-fr, ...).")
    static final class Create implements Callable<Integer>, AdminCommand {
        private static final Pattern LANGUAGE_TITLE = Pattern.compile("([a-z]{2,3})=(.+)", Pattern.DOTALL);
        @ParentCommand
        RoomCommand parent;
        @Parameters(paramLabel = "ID", description = "Lower-case letters, digits and hyphens, e.g. strategies.")
        String id;
        @Option(names = "--title", required = true, paramLabel = "[LANG=]TITLE",
                description = "The room's title; repeat as LANG=TITLE for its title in a language (--title fr=...).")
        List<String> titles;
        @Option(names = "--languages", split = ",", paramLabel = "LANG",
                description = "Languages of its lists (default: all the forum's).")
        List<String> languages;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            List<String> chosen = languages == null ? c.settings().languages() : languages;
            Map<String, String> byLanguage = new LinkedHashMap<>();
            String title = null;
            for (String t : titles) {
                Matcher m = LANGUAGE_TITLE.matcher(t);
                if (m.matches()) {
                    byLanguage.put(m.group(1), m.group(2));
                } else {
                    title = t;
                }
            }
            if (title == null) {
                title = byLanguage.getOrDefault(c.settings().defaultLanguage(), byLanguage.values().iterator().next());
            }
            for (ForumList list : c.admin().createRoom(id, title, chosen, byLanguage)) {
                c.out.println("created list " + list.name());
            }
            return 0;
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Set what a list does with posts from non-members (hold, reject, or default: the forum's),"
                    + " and whether its copies carry the whole post or a summary with a link behind login.")
    static final class Policy implements Callable<Integer>, AdminCommand {
        @ParentCommand
        RoomCommand parent;
        @Parameters(paramLabel = "LIST")
        String list;
        @Option(names = "--non-member", paramLabel = "hold|reject|default")
        String nonMember;
        @Option(names = "--delivery", paramLabel = "full|summary",
                description = "full: copies carry the post; summary: author, delegation, subject, the first lines and a"
                        + " link to the message behind login, no files (digests likewise).")
        String delivery;
        @Option(names = "--summary-lines", paramLabel = "N",
                description = "Lines of the text a summary shows, 0 for none (default: ${DEFAULT-VALUE}).")
        int summaryLines = 3;
        @Option(names = "--digest", paramLabel = "daily|weekly|default",
                description = "How often members who chose digests get one; default: parley.digest.interval-days.")
        String digest;
        @Option(names = "--dmarc", paramLabel = "munge|munge-cc|wrap|default",
                description = "How a copy goes out when its author's domain publishes a strict DMARC policy: From the list"
                        + " with the author in Reply-To (munge), and in Cc (munge-cc), or the post attached whole (wrap);"
                        + " default: parley.dmarc.action.")
        String dmarc;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            if (nonMember == null && delivery == null && digest == null && dmarc == null) {
                c.err.println("parley: room policy needs --non-member, --delivery, --digest or --dmarc"
                        + " (see 'parley room policy --help')");
                return ExitCode.USAGE.code();
            }
            if (dmarc != null) {
                Optional<Settings.DmarcAction> action;
                try {
                    action = dmarc.equalsIgnoreCase("default") ? Optional.empty()
                            : Optional.of(Settings.DmarcAction.valueOf(dmarc.toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException e) {
                    c.err.println("parley: --dmarc takes munge, munge-cc, wrap or default, not '" + dmarc + "'");
                    return ExitCode.USAGE.code();
                }
                c.admin().setDmarcAction(list, action);
                c.out.println(list + ": copies from strict DMARC domains go out " + action.map(a -> switch (a) {
                    case MUNGE -> "From the list, the author in Reply-To";
                    case MUNGE_CC -> "From the list, the author in Reply-To and Cc";
                    case WRAP -> "From the list, the post attached whole";
                }).orElse("as parley.dmarc.action says"));
            }
            if (digest != null) {
                Optional<Integer> days;
                switch (digest.toLowerCase(Locale.ROOT)) {
                    case "daily" -> days = Optional.of(1);
                    case "weekly" -> days = Optional.of(7);
                    case "default" -> days = Optional.empty();
                    default -> {
                        c.err.println("parley: --digest takes daily, weekly or default, not '" + digest + "'");
                        return ExitCode.USAGE.code();
                    }
                }
                c.admin().setDigestDays(list, days);
                c.out.println(list + ": digests go out " + days.map(d -> d == 1 ? "every day" : "every week")
                        .orElse("every " + c.settings().digestInterval().toDays() + " days (the forum's default)"));
            }
            if (delivery != null) {
                Optional<Integer> lines;
                switch (delivery.toLowerCase(Locale.ROOT)) {
                    case "full" -> lines = Optional.empty();
                    case "summary" -> lines = Optional.of(summaryLines);
                    default -> {
                        c.err.println("parley: --delivery takes full or summary, not '" + delivery + "'");
                        return ExitCode.USAGE.code();
                    }
                }
                if (summaryLines < 0 || summaryLines > 100) {
                    c.err.println("parley: --summary-lines takes 0 to 100, not " + summaryLines);
                    return ExitCode.USAGE.code();
                }
                c.admin().setSummary(list, lines);
                c.out.println(list + ": copies carry " + lines.map(n -> "a summary with " + n + " lines of the text and"
                        + " a link to the archive").orElse("the whole post"));
            }
            if (nonMember == null) {
                return 0;
            }
            Optional<NonMemberAction> action;
            switch (nonMember.toLowerCase(Locale.ROOT)) {
                case "hold" -> action = Optional.of(NonMemberAction.HOLD);
                case "reject" -> action = Optional.of(NonMemberAction.REJECT);
                case "default" -> action = Optional.empty();
                default -> {
                    c.err.println("parley: --non-member takes hold, reject or default, not '" + nonMember + "'");
                    return ExitCode.USAGE.code();
                }
            }
            c.admin().setNonMember(list, action);
            c.out.println(list + ": posts from non-members are " + action.map(a -> a == NonMemberAction.HOLD
                    ? "held" : "rejected").orElse("handled as the forum's default says"));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the forum's lists.")
    static final class ListRooms implements Callable<Integer>, AdminCommand {
        @ParentCommand
        RoomCommand parent;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            for (ForumList list : c.admin().lists()) {
                c.out.println(list.name() + "\t" + list.language() + "\t" + list.roomTitle());
            }
            return 0;
        }
    }
}
