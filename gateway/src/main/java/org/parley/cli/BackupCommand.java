package org.parley.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the embedded store, consistent, while the forum runs, into a new or empty folder"
                + " (with PostgreSQL, use pg_dump). The search index rebuilds itself from a restored store.")
final class BackupCommand implements Callable<Integer>, AdminCommand, FilePath {
    @ParentCommand
    ParleyCommand parent;
    @Parameters(paramLabel = "FOLDER", description = "Where the copy goes; it must be new or empty.")
    String folder;

    @Override
    public String path() {
        return folder;
    }

    @Override
    public Integer call() {
        Context c = parent.context;
        Path target = Path.of(folder).toAbsolutePath();
        long bytes = c.admin().backup(target);
        c.out.println(String.format(Locale.ROOT, "backed up the store to %s (%.1f MB)", target.resolve("db"),
                bytes / 1048576.0));
        c.out.println("to restore: stop Parley, put that db folder in place of DATA/db, start Parley");
        return 0;
    }
}
