package org.parley.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.parley.forum.ForumList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "room", mixinStandardHelpOptions = true, description = "Create and list rooms.",
        subcommands = {RoomCommand.Create.class, RoomCommand.ListRooms.class})
final class RoomCommand {
    @ParentCommand
    ParleyCommand parent;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a room, with one list per language (ID-en, ID-fr, ...).")
    static final class Create implements Callable<Integer>, AdminCommand {
        @ParentCommand
        RoomCommand parent;
        @Parameters(paramLabel = "ID", description = "Lower-case letters, digits and hyphens, e.g. strategies.")
        String id;
        @Option(names = "--title", required = true, description = "The room's title.")
        String title;
        @Option(names = "--languages", split = ",", paramLabel = "LANG",
                description = "Languages of its lists (default: all the forum's).")
        List<String> languages;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            List<String> chosen = languages == null ? c.settings().languages() : languages;
            for (ForumList list : c.admin().createRoom(id, title, chosen)) {
                c.out.println("created list " + list.name());
            }
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
