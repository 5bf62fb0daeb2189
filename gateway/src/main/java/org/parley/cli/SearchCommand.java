package org.parley.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.admin.ExitCode;
import org.parley.archive.ArchiveSearch;
import org.parley.bench.Progress;
import org.parley.logs.JsonText;
import org.parley.search.Excerpts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the archive: as the administrator (every list), or --as a member (what they may read).",
        subcommands = SearchCommand.Reindex.class)
final class SearchCommand implements Callable<Integer>, AdminCommand {
    @ParentCommand
    ParleyCommand parent;
    @Parameters(paramLabel = "QUERY", arity = "0..*",
            description = "Words that must all be there; \"a phrase\", prefix*, -excluded.")
    String[] words = {};
    @Option(names = "--list", paramLabel = "LIST", description = "Only this list.")
    String list;
    @Option(names = "--as", paramLabel = "EMAIL", description = "Search as this member would.")
    String as;
    @Option(names = "--page", description = "Page of 20 (default: ${DEFAULT-VALUE}).")
    int page = 1;
    @Option(names = "--json", description = "One JSON object: the total and the hits.")
    boolean json;

    @Override
    public Integer call() {
        Context c = parent.context;
        if (words.length == 0) {
            c.err.println("parley: search needs words to look for, e.g. parley search \"patent backlog\" (see 'parley search --help')");
            return ExitCode.USAGE.code();
        }
        ArchiveSearch.Results results = c.admin().search(String.join(" ", words), Optional.ofNullable(list),
                Optional.ofNullable(as), page);
        if (json) {
            StringBuilder out = new StringBuilder("{\"total\": ").append(results.total()).append(", \"exact\": ")
                    .append(results.exact()).append(", \"hits\": [");
            for (int i = 0; i < results.hits().size(); i++) {
                ArchiveSearch.Hit h = results.hits().get(i);
                out.append(i == 0 ? "" : ", ").append("{\"list\": ").append(string(h.message().list()))
                        .append(", \"messageId\": ").append(string(h.message().messageId()))
                        .append(", \"subject\": ").append(string(h.message().subject()))
                        .append(", \"from\": ").append(string(h.message().sender()))
                        .append(", \"delegation\": ").append(string(h.message().senderDelegation()))
                        .append(", \"date\": ").append(string(h.message().sentAt().toString()))
                        .append(", \"thread\": ").append(h.message().threadId())
                        .append(", \"hash\": ").append(string(h.message().hash()))
                        .append(", \"excerpt\": ").append(string(plain(h))).append('}');
            }
            c.out.println(out.append("]}"));
            return 0;
        }
        c.out.println((results.exact() ? "" : "more than ") + results.total() + " found");
        for (ArchiveSearch.Hit h : results.hits()) {
            c.out.println(String.join("\t", h.message().sentAt().toString(), h.message().list(), h.message().sender(),
                    h.message().subject(), h.message().messageId()));
            c.out.println("\t" + plain(h));
        }
        return 0;
    }

    private static String plain(ArchiveSearch.Hit h) {
        StringBuilder out = new StringBuilder();
        for (Excerpts.Part part : h.excerpt()) {
            out.append(part.hit() ? "[" + part.text() + "]" : part.text());
        }
        return out.toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String string(String text) {
        return JsonText.quote(text);
    }

    @Command(name = "reindex", mixinStandardHelpOptions = true,
            description = "Rebuild the search index from the archive; searches go on from the old index meanwhile.")
    static final class Reindex implements Callable<Integer>, AdminCommand {
        @ParentCommand
        SearchCommand parent;
        @Option(names = "--no-progress", description = "No progress bar.")
        boolean noProgress;

        @Override
        public Integer call() {
            Context c = parent.parent.context;
            Progress progress = new Progress(c.err, !noProgress);
            long done = c.admin().reindex((count, total) -> progress.update("indexing the archive", count, total));
            progress.done();
            c.out.println("indexed " + done + " message" + (done == 1 ? "" : "s"));
            return 0;
        }
    }
}
