package org.parley.cli;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.archive.MboxImport;
import org.parley.bench.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code parley import mbox} and {@code parley export mbox}: a list's history in and out. */
final class MboxCommand {
    private MboxCommand() {
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Bring history into the archive.",
            subcommands = ImportMbox.class)
    static final class Import {
        @ParentCommand
        ParleyCommand parent;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Take history out of the archive.",
            subcommands = ExportMbox.class)
    static final class Export {
        @ParentCommand
        ParleyCommand parent;
    }

    @Command(name = "mbox", mixinStandardHelpOptions = true,
            description = "Import an mbox (Mailman, HyperKitty, Sympa, Google Groups) into a list's archive: threaded,"
                    + " delivered to nobody, authors matched to members by address; importing it again adds nothing.")
    static final class ImportMbox implements Callable<Integer>, AdminCommand, FilePath {
        @ParentCommand
        Import parent;
        @Parameters(index = "0", paramLabel = "LIST", description = "The list whose archive receives it.")
        String list;
        @Parameters(index = "1", paramLabel = "FILE", description = "The mbox file.")
        String file;
        @Option(names = "--no-progress", description = "No progress bar.")
        boolean noProgress;

        @Override
        public String path() {
            return file;
        }

        @Override
        public Integer call() throws IOException {
            Context c = parent.parent.context;
            Path path = Path.of(file);
            long size;
            try {
                size = Files.size(path);
            } catch (NoSuchFileException e) {
                throw new AdminException("no such file: " + file, ExitCode.DATA);
            }
            Progress progress = new Progress(c.err, !noProgress);
            CountingInput counted;
            MboxImport.Report report;
            try (InputStream in = Files.newInputStream(path)) {
                counted = new CountingInput(in);
                report = c.admin().importMbox(list, counted, read -> progress.update("importing " + read + " messages",
                        counted.count(), size));
            }
            progress.done();
            c.out.println("imported " + report.imported() + ", already in the archive " + report.present()
                    + ", unreadable " + report.unreadable());
            report.problems().forEach(p -> c.out.println("  " + p));
            return report.unreadable() > 0 ? ExitCode.DATA.code() : ExitCode.OK.code();
        }
    }

    @Command(name = "mbox", mixinStandardHelpOptions = true,
            description = "Write a list's posts as an mbox, the messages as they came; erased posts are left out.")
    static final class ExportMbox implements Callable<Integer>, AdminCommand, FilePath {
        @ParentCommand
        Export parent;
        @Parameters(index = "0", paramLabel = "LIST", description = "The list.")
        String list;
        @Option(names = "--from", paramLabel = "DATE", description = "Posts sent on or after this day (YYYY-MM-DD, UTC).")
        String from;
        @Option(names = "--to", paramLabel = "DATE", description = "Posts sent on or before this day (YYYY-MM-DD, UTC).")
        String to;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (default: standard output).")
        String output;

        @Override
        public String path() {
            return output;
        }

        @Override
        public Integer call() throws IOException {
            Context c = parent.parent.context;
            Optional<Instant> start = Optional.ofNullable(from).map(d -> Days.start("--from", d));
            Optional<Instant> end = Optional.ofNullable(to).map(d -> Days.end("--to", d));
            long written;
            if (output == null || output.equals("-")) {
                written = c.admin().exportMbox(list, start, end, c.out);
            } else {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(output)), 1 << 16)) {
                    written = c.admin().exportMbox(list, start, end, out);
                }
            }
            c.err.println("exported " + written + " posts of " + list);
            return 0;
        }
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingInput extends FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }
}
