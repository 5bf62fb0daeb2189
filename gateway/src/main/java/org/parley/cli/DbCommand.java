package org.parley.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.parley.store.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = "The database's versioned schema: which migrations it has had, and applying the new ones.",
        subcommands = {DbCommand.Info.class, DbCommand.Migrate.class})
final class DbCommand {
    @ParentCommand
    ParleyCommand parent;

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "One line per migration: version, state, when applied, what it does.")
    static final class Info implements Callable<Integer>, AdminCommand {
        @ParentCommand
        DbCommand parent;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            List<Migrations.Step> steps = c.schema().info();
            for (Migrations.Step s : steps) {
                c.out.println(String.join("\t", s.version(), s.state(), s.installedOn().isEmpty() ? "-" : s.installedOn(),
                        s.description()));
            }
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply the migrations this build knows and the database has not had (serve does it at start too).")
    static final class Migrate implements Callable<Integer>, AdminCommand {
        @ParentCommand
        DbCommand parent;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            int ran = c.schema().migrate();
            c.out.println(ran == 0 ? "the schema is up to date" : "applied " + ran + " migration" + (ran == 1 ? "" : "s"));
            return 0;
        }
    }
}
