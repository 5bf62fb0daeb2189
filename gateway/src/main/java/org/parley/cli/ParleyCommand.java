package org.parley.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = ParleyCommand.Version.class,
        scope = ScopeType.INHERIT,
        description = "A moderated, multilingual, members-only discussion forum that lives in email.",
        subcommands = {ServeCommand.class, DemoCommand.class, RoomCommand.class, MemberCommand.class, ArrivalsCommand.class,
                HeldCommand.class, DiscussionCommand.class, InjectCommand.class, SearchCommand.class, EraseCommand.class, StatsCommand.class, BackupCommand.class, MboxCommand.Import.class, MboxCommand.Export.class, DbCommand.class, DkimCommand.class, PostfixMapsCommand.class, BenchCommand.class})
final class ParleyCommand {
    final Context context;

    ParleyCommand(Context context) {
        this.context = context;
    }

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "A properties file over the defaults (see config/parley.properties).")
    void config(Path file) {
        context.configFile = file;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of internal errors.")
    void verbose(boolean verbose) {
        context.verbose = verbose;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ParleyCommand.class.getPackage().getImplementationVersion();
            return new String[] {"parley " + (version == null ? "dev" : version)};
        }
    }
}
