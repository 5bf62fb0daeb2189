package org.parley.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.model.Discussion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "discussion", mixinStandardHelpOptions = true,
        description = "Open, list and close the weekly discussions, and end a guest's access.",
        subcommands = {DiscussionCommand.Open.class, DiscussionCommand.ListDiscussions.class,
                DiscussionCommand.Close.class, DiscussionCommand.Revoke.class})
final class DiscussionCommand {
    @ParentCommand
    ParleyCommand parent;

    static String actor() {
        return "cli:" + System.getProperty("user.name", "admin");
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Open a discussion in a room now, or schedule it: a title and an opening text per language.")
    static final class Open implements Callable<Integer>, AdminCommand {
        @ParentCommand
        DiscussionCommand parent;
        @Parameters(paramLabel = "ROOM")
        String room;
        @Option(names = "--title", required = true, paramLabel = "LANG=TITLE",
                description = "The title in one language; repeat for each (e.g. --title en=Budgets --title fr=Budgets).")
        Map<String, String> titles = new LinkedHashMap<>();
        @Option(names = "--text", paramLabel = "LANG=TEXT",
                description = "The opening text in one language; @FILE reads it from a file.")
        Map<String, String> texts = new LinkedHashMap<>();
        @Option(names = "--start", paramLabel = "WHEN", description = "ISO instant, e.g. 2026-11-30T09:00:00Z (default: now).")
        String start;
        @Option(names = "--end", paramLabel = "WHEN", description = "ISO instant (default: the start plus parley.discussion.days).")
        String end;

        @Override
        public Integer call() throws IOException {
            Context c = parent.parent.context;
            Map<String, Discussion.Text> all = new LinkedHashMap<>();
            for (var e : titles.entrySet()) {
                all.put(e.getKey(), new Discussion.Text(e.getValue(), body(texts.getOrDefault(e.getKey(), ""))));
            }
            for (String language : texts.keySet()) {
                if (!titles.containsKey(language)) {
                    throw new AdminException("--text " + language + "=... has no --title " + language + "=...",
                            ExitCode.DATA);
                }
            }
            Instant from = start == null ? c.admin().now() : instant(start);
            long id = c.admin().openDiscussion(room, all, from, Optional.ofNullable(end).map(Open::instant), actor());
            Discussion d = c.admin().discussions(Optional.of(room)).stream().filter(x -> x.id() == id).findFirst()
                    .orElseThrow();
            c.out.println("discussion " + id + " " + d.state().name().toLowerCase() + ": " + d.startsAt() + " to "
                    + d.endsAt());
            return 0;
        }

        private static String body(String text) throws IOException {
            if (!text.startsWith("@")) {
                return text.replace("\\n", "\n");
            }
            try {
                return Files.readString(Path.of(text.substring(1)));
            } catch (NoSuchFileException e) {
                throw new AdminException("no such file: " + text.substring(1), ExitCode.DATA);
            }
        }

        static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new AdminException("'" + text + "' is not an ISO instant such as 2026-11-30T09:00:00Z",
                        ExitCode.DATA);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List discussions, of one room or all.")
    static final class ListDiscussions implements Callable<Integer>, AdminCommand {
        @ParentCommand
        DiscussionCommand parent;
        @Parameters(arity = "0..1", paramLabel = "ROOM")
        String room;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            List<Discussion> all = c.admin().discussions(Optional.ofNullable(room));
            for (Discussion d : all) {
                c.out.println(String.join("\t", String.valueOf(d.id()), d.roomId(), d.state().name().toLowerCase(),
                        d.startsAt().toString(), d.endsAt().toString(),
                        d.text(c.settings().defaultLanguage(), c.settings().defaultLanguage()).title()));
            }
            return 0;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close a discussion now.")
    static final class Close implements Callable<Integer>, AdminCommand {
        @ParentCommand
        DiscussionCommand parent;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            c.admin().closeDiscussion(id, actor());
            c.out.println("discussion " + id + " closed");
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "End a guest's access to their discussion before it closes.")
    static final class Revoke implements Callable<Integer>, AdminCommand {
        @ParentCommand
        DiscussionCommand parent;
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            c.admin().revokeGuest(email);
            c.out.println("access of " + email + " revoked");
            return 0;
        }
    }
}
