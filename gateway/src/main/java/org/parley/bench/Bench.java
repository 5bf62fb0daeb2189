package org.parley.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the parts of the benchmark asked for and prints the table. */
public final class Bench {
    /** What a run found, printable and as JSON. */
    public record Figures(String table, String json) {

    }

    private final PrintStream out;
    private final Progress progress;

    public Bench(PrintStream out, PrintStream err, boolean showProgress) {
        this.out = out;
        this.progress = new Progress(err, showProgress);
    }

    public Figures run(Path dir, boolean mail, boolean archive, MailBench.Options mailOptions, int archiveMessages,
                      int requests) throws Exception {
        try (MemorySampler memory = new MemorySampler()) {
            MailBench.Result mailResult = mail ? MailBench.run(dir.resolve("mail"), mailOptions, progress) : null;
            ArchiveBench.Result archiveResult = archive ? ArchiveBench.run(dir.resolve("archive"),
                    new ArchiveBench.Options(archiveMessages, requests, mailOptions.launcher(),
                            mailOptions.serverJavaOptions()), mailOptions.db(), progress) : null;
            progress.done();
            Report.Memory peaks = new Report.Memory(memory.peakHeapBytes(), memory.peakHeapAfterGcBytes(),
                    MemorySampler.peakRssBytes());
            ByteArrayOutputStream table = new ByteArrayOutputStream();
            Report.table(new PrintStream(table, true, StandardCharsets.UTF_8), mailResult, archiveResult, peaks);
            String text = table.toString(StandardCharsets.UTF_8);
            out.print(text);
            return new Figures(text, Report.json(mailResult, archiveResult, peaks));
        }
    }
}
