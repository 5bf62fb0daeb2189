package org.parley.cli;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.parley.statistics.Statistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Participation over a period, for a report: posts by week, room, language and delegation,"
                + " delegations taking part, threads and replies, delivery modes, moderation and translations.")
final class StatsCommand implements Callable<Integer>, AdminCommand {
    @ParentCommand
    ParleyCommand parent;
    @Option(names = "--from", required = true, paramLabel = "DAY", description = "First day (YYYY-MM-DD, UTC).")
    String from;
    @Option(names = "--to", required = true, paramLabel = "DAY", description = "Last day, included (YYYY-MM-DD, UTC).")
    String to;
    @Option(names = "--json", description = "One JSON object.")
    boolean json;
    @Option(names = "--csv", description = "One CSV table: section, name, week, value.")
    boolean csv;

    @Override
    public Integer call() {
        Context c = parent.context;
        Instant start = Days.start("--from", from);
        Instant end = Days.end("--to", to);
        Statistics.Report r = c.admin().statistics(start, end);
        if (csv) {
            c.out.print(Statistics.csv(r));
            return 0;
        }
        if (json) {
            c.out.println(json(r));
            return 0;
        }
        c.out.println("Participation from " + from + " to " + to);
        c.out.println("  posts " + r.posts() + " (new threads " + r.threads() + ", replies " + r.replies() + ")");
        c.out.println("  delegations taking part " + r.activeDelegations() + " of " + r.delegations());
        print(c, "by room", r.byRoom());
        print(c, "by language", r.byLanguage());
        print(c, "by delegation", r.byDelegation());
        c.out.println("  posts per week");
        for (int w = 0; w < r.weeks().size(); w++) {
            c.out.println("    " + r.weeks().get(w).toString().substring(0, 10) + "  " + r.totals()[w]);
        }
        print(c, "members by delivery", r.deliveryModes());
        print(c, "held posts", r.held());
        c.out.println("  moderation turnaround (p50 / p95)");
        for (Statistics.Turnaround t : r.turnaround()) {
            c.out.println("    " + t.moderator() + " (" + t.language() + "): " + t.decided() + " decided, "
                    + t.p50().toMinutes() + " / " + t.p95().toMinutes() + " min");
        }
        c.out.println("  translations made " + r.translations() + ", posts not yet translated " + r.untranslated());
        return 0;
    }

    private static void print(Context c, String title, Map<String, Long> counts) {
        c.out.println("  " + title);
        counts.forEach((k, v) -> c.out.println("    " + k + "  " + v));
    }

    private static String json(Statistics.Report r) {
        StringBuilder out = new StringBuilder("{\"from\": ").append(SearchCommand.string(r.from().toString()))
                .append(", \"to\": ").append(SearchCommand.string(r.to().toString()))
                .append(", \"posts\": ").append(r.posts()).append(", \"newThreads\": ").append(r.threads())
                .append(", \"replies\": ").append(r.replies()).append(", \"activeDelegations\": ")
                .append(r.activeDelegations()).append(", \"delegations\": ").append(r.delegations())
                .append(", \"translations\": ").append(r.translations()).append(", \"untranslated\": ")
                .append(r.untranslated()).append(", \"weeks\": [");
        for (int w = 0; w < r.weeks().size(); w++) {
            out.append(w == 0 ? "" : ", ").append("{\"start\": ").append(SearchCommand.string(r.weeks().get(w).toString()))
                    .append(", \"posts\": ").append(r.totals()[w]).append('}');
        }
        out.append("], \"byRoom\": ").append(object(r.byRoom())).append(", \"byLanguage\": ")
                .append(object(r.byLanguage())).append(", \"byDelegation\": ").append(object(r.byDelegation()))
                .append(", \"delivery\": ").append(object(r.deliveryModes())).append(", \"held\": ")
                .append(object(r.held())).append(", \"turnaround\": [");
        for (int i = 0; i < r.turnaround().size(); i++) {
            Statistics.Turnaround t = r.turnaround().get(i);
            out.append(i == 0 ? "" : ", ").append("{\"moderator\": ").append(SearchCommand.string(t.moderator()))
                    .append(", \"language\": ").append(SearchCommand.string(t.language())).append(", \"decided\": ")
                    .append(t.decided()).append(", \"p50Seconds\": ").append(t.p50().toSeconds())
                    .append(", \"p95Seconds\": ").append(t.p95().toSeconds()).append('}');
        }
        return out.append("]}").toString();
    }

    private static String object(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder("{");
        counts.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(SearchCommand.string(k)).append(": ")
                .append(v));
        return out.append('}').toString();
    }
}
