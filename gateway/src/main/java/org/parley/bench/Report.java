package org.parley.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.parley.logs.JsonText;

/** The benchmark's figures: a table a person reads at a glance, and JSON for machines. */
final class Report {
    static final double MIN_ACCEPTED_PER_SECOND = 300;
    static final double MIN_RATIO = 0.60;
    static final double MAX_FAN_OUT_SECONDS = 3;
    static final double MAX_PAGE_P95_MS = 50;
    static final double MAX_STATISTICS_P95_MS = 200;
    static final long MAX_HEAP_BYTES = 512L * 1024 * 1024;
    static final long MAX_RSS_BYTES = 600L * 1024 * 1024;
    static final double MAX_REINDEX_SECONDS = 120;
    static final double MAX_INDEX_MS = 2;

    private Report() {
    }

    /** The memory peaks: heap in use (garbage included), heap after a collection, process RSS (-1: unknown). */
    record Memory(long heap, long heapAfterGc, long rss) {
    }

    static void table(PrintStream out, MailBench.Result mail, ArchiveBench.Result archive, Memory memory) {
        out.printf("Parley bench  (%d cores, Java %s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.println("-".repeat(78));
        out.printf("%-44s %14s  %-12s %s%n", "", "measured", "target", "");
        if (mail != null) {
            out.printf("Mail path: %,d members, %,d posts after %,d to warm up, %d outbound workers, %s (setup %.1f s), %s%n",
                    mail.members(), mail.posts(), mail.warmUp(), mail.workers(), mail.signing(), mail.setupSeconds(),
                    mail.database());
            row(out, "posts accepted per second", f(mail.acceptedPerSecond()), ">= 300", mail.acceptedPerSecond() >= MIN_ACCEPTED_PER_SECOND);
            row(out, "  submission to 250, p50 / p95 (ms)", f(mail.accept().p50()) + " / " + f(mail.accept().p95()), "", null);
            row(out, "deliveries per second", f(mail.deliveriesPerSecond()), "", null);
            String bare = String.format(Locale.ROOT, "bare client (own JVM) on %d connections/s", mail.workers());
            row(out, bare, f(mail.bareDeliveriesPerSecond()), "", null);
            row(out, "  in the sink's JVM (not the yardstick)", f(mail.bareBesideSinkPerSecond()), "", null);
            row(out, "Parley / bare client", pct(mail.ratio()), ">= 60 %", mail.ratio() >= MIN_RATIO);
            row(out, "post accepted -> last delivery p50 (s)", f(mail.postToLastDelivery().p50() / 1000), "", null);
            row(out, "post accepted -> last delivery p95 (s)", f(mail.postToLastDelivery().p95() / 1000), "", null);
            row(out, "post accepted -> last delivery max (s)", f(mail.postToLastDelivery().max() / 1000), "", null);
            row(out, String.format(Locale.ROOT, "one %,d-member fan-out (s)", mail.members()), f(mail.singleFanOutSeconds()),
                    "<= 3 s", mail.singleFanOutSeconds() <= MAX_FAN_OUT_SECONDS);
            if (mail.large() != null) {
                MailBench.Large large = mail.large();
                row(out, String.format(Locale.ROOT, "one %,d-member fan-out (s)", large.members()), f(large.fanOutSeconds()),
                        "<= 3 s", large.fanOutSeconds() <= MAX_FAN_OUT_SECONDS);
                row(out, "  its deliveries per second", f(large.deliveriesPerSecond()), "", null);
                double ratio = mail.bareDeliveriesPerSecond() == 0 ? 0 : large.deliveriesPerSecond() / mail.bareDeliveriesPerSecond();
                row(out, "  Parley / bare client", pct(ratio), ">= 60 %", ratio >= MIN_RATIO);
            }
            if (mail.routing() != null) {
                MailBench.Routing r = mail.routing();
                out.printf("Posts in: %,d posts to a list of two members, after %,d to warm up (%s)%n", r.posts(),
                        r.warmUpPosts(), r.warmUp().describe());
                row(out, "posts accepted per second", f(r.acceptedPerSecond()), "", null);
                row(out, "posts routed per second (archived, queued)", f(r.routedPerSecond()), ">= 300",
                        r.routedPerSecond() >= MIN_ACCEPTED_PER_SECOND);
                if (r.warmUp().rounds() > 0) {
                    row(out, "  in the first warm-up round, JIT cold", f(r.coldRoutedPerSecond()), "", null);
                }
            }
            if (mail.welcomes() != null) {
                MailBench.Welcomes w = mail.welcomes();
                out.printf("Mail to one member at a time: %,d members imported, a welcome each%n", w.members());
                row(out, "  import over the admin channel (s)", f(w.importSeconds()), "", null);
                row(out, "  members imported and welcomed per second", f(w.sentPerSecond()), "", null);
            }
            out.printf("Memory of the server, a JVM of its own (%s)%n", mail.serverJvm().javaOptions());
            memory(out, mail.serverJvm().memory(), true);
        }
        if (archive != null) {
            out.printf("Archive: %,d messages (filled in %.1f s)%n", archive.messages(), archive.fillSeconds());
            page(out, "list page", archive.listPages());
            page(out, "thread page", archive.threadPages());
            page(out, "message page", archive.messagePages());
            Stats st = archive.statisticsPages();
            row(out, "  statistics page, 2 years p50 / p95 (ms)", f(st.p50()) + " / " + f(st.p95()) + " / " + f(st.max()),
                    "p95 <= 200 ms", st.p95() <= MAX_STATISTICS_P95_MS);
            ArchiveBench.Search s = archive.search();
            out.printf("Search: the same archive, on the search page%n");
            page(out, "one word", s.oneWord());
            page(out, "two words", s.twoWords());
            page(out, "three words", s.threeWords());
            page(out, "a phrase", s.phrase());
            row(out, String.format(Locale.ROOT, "full reindex of %,d messages (s)", archive.messages()),
                    f(s.reindexSeconds()), "<= 120 s", s.reindexSeconds() <= MAX_REINDEX_SECONDS);
            double perMessage = s.reindexSeconds() * 1000 / Math.max(1, archive.messages());
            row(out, "index time per message (ms)", f(perMessage), "<= 2 ms", perMessage <= MAX_INDEX_MS);
            row(out, "index size (MB)", f(s.indexBytes() / 1048576.0), "", null);
            out.printf("Memory of the web node, a JVM of its own (%s)%n", archive.serverJvm().javaOptions());
            memory(out, archive.serverJvm().memory(), true);
        }
        // The targets are a server's, and the bench's JVM serves nothing: its figures are for comparison.
        out.println("Memory of the bench's own JVM (its clients and sink, the archive's filling)");
        memory(out, memory, false);
    }

    private static void memory(PrintStream out, Memory memory, boolean targets) {
        row(out, "peak heap, garbage included (MB)", f(memory.heap() / 1048576.0), targets ? "<= 512 MB" : "",
                targets ? memory.heap() <= MAX_HEAP_BYTES : null);
        row(out, "  heap after a collection, peak (MB)", f(memory.heapAfterGc() / 1048576.0), "", null);
        row(out, "peak process RSS (MB)", memory.rss() < 0 ? "n/a" : f(memory.rss() / 1048576.0), targets ? "<= 600 MB" : "",
                targets && memory.rss() >= 0 ? memory.rss() <= MAX_RSS_BYTES : null);
    }

    private static void page(PrintStream out, String what, Stats s) {
        row(out, "  " + what + " p50 / p95 / max (ms)", f(s.p50()) + " / " + f(s.p95()) + " / " + f(s.max()),
                "p95 <= 50 ms", s.p95() <= MAX_PAGE_P95_MS);
    }

    private static void row(PrintStream out, String label, String value, String target, Boolean met) {
        out.printf("  %-42s %14s  %-12s %s%n", label, value, target, met == null ? "" : met ? "ok" : "MISSED");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.2f", v);
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    static String json(MailBench.Result mail, ArchiveBench.Result archive, Memory memory) {
        StringBuilder out = new StringBuilder("{\n");
        if (mail != null) {
            out.append(String.format(Locale.ROOT, "  \"mail\": {\"signing\": \"%s\", \"members\": %d, \"posts\": %d, \"warmUpPosts\": %d, \"workers\": %d, \"acceptedPerSecond\": %.2f,"
                            + " \"acceptMs\": %s, \"deliveriesPerSecond\": %.2f, \"deliveries\": %d,"
                            + " \"bareDeliveriesPerSecond\": %.2f, \"bareBesideSinkPerSecond\": %.2f, \"ratio\": %.4f,"
                            + " \"postToLastDeliveryMs\": %s,"
                            + " \"singleFanOutSeconds\": %.3f, \"setupSeconds\": %.2f, \"database\": \"%s\", \"routing\": %s,"
                            + " \"large\": %s, \"welcomes\": %s, \"server\": {\"javaOptions\": %s, \"memory\": %s}},%n",
                    mail.signing(), mail.members(), mail.posts(), mail.warmUp(), mail.workers(), mail.acceptedPerSecond(),
                    stats(mail.accept()), mail.deliveriesPerSecond(),
                    mail.deliveries(), mail.bareDeliveriesPerSecond(), mail.bareBesideSinkPerSecond(), mail.ratio(),
                    stats(mail.postToLastDelivery()),
                    mail.singleFanOutSeconds(), mail.setupSeconds(), mail.database(),
                    mail.routing() == null ? "null" : String.format(Locale.ROOT,
                            "{\"posts\": %d, \"acceptedPerSecond\": %.2f, \"routedPerSecond\": %.2f, \"warmUpPosts\": %d,"
                                    + " \"warmUpSeconds\": %.1f, \"warmUpQuiet\": %b, \"coldRoutedPerSecond\": %.2f}",
                            mail.routing().posts(),
                            mail.routing().acceptedPerSecond(), mail.routing().routedPerSecond(),
                            mail.routing().warmUpPosts(), mail.routing().warmUp().seconds(),
                            mail.routing().warmUp().quiet(), mail.routing().coldRoutedPerSecond()),
                    mail.large() == null ? "null" : String.format(Locale.ROOT,
                            "{\"members\": %d, \"fanOutSeconds\": %.3f, \"deliveriesPerSecond\": %.2f, \"seedSeconds\": %.2f}",
                            mail.large().members(), mail.large().fanOutSeconds(), mail.large().deliveriesPerSecond(),
                            mail.large().seedSeconds()),
                    mail.welcomes() == null ? "null" : String.format(Locale.ROOT,
                            "{\"members\": %d, \"importSeconds\": %.2f, \"sentPerSecond\": %.2f}",
                            mail.welcomes().members(), mail.welcomes().importSeconds(), mail.welcomes().sentPerSecond()),
                    JsonText.quote(mail.serverJvm().javaOptions()),
                    memory(mail.serverJvm().memory())));
        }
        if (archive != null) {
            out.append(String.format(Locale.ROOT, "  \"archive\": {\"messages\": %d, \"fillSeconds\": %.2f, \"listPageMs\": %s,"
                            + " \"threadPageMs\": %s, \"messagePageMs\": %s, \"statisticsPageMs\": %s,"
                            + " \"search\": {\"oneWordMs\": %s,"
                            + " \"twoWordsMs\": %s, \"threeWordsMs\": %s, \"phraseMs\": %s, \"reindexSeconds\": %.2f,"
                            + " \"indexBytes\": %d}, \"server\": {\"javaOptions\": %s, \"memory\": %s}},%n",
                    archive.messages(), archive.fillSeconds(),
                    stats(archive.listPages()), stats(archive.threadPages()), stats(archive.messagePages()),
                    stats(archive.statisticsPages()), stats(archive.search().oneWord()), stats(archive.search().twoWords()),
                    stats(archive.search().threeWords()), stats(archive.search().phrase()),
                    archive.search().reindexSeconds(), archive.search().indexBytes(),
                    JsonText.quote(archive.serverJvm().javaOptions()), memory(archive.serverJvm().memory())));
        }
        out.append("  \"memory\": ").append(memory(memory)).append("\n}\n");
        return out.toString();
    }

    private static String memory(Memory memory) {
        return String.format(Locale.ROOT, "{\"peakHeapBytes\": %d, \"peakHeapAfterGcBytes\": %d, \"peakRssBytes\": %d}",
                memory.heap(), memory.heapAfterGc(), memory.rss());
    }

    private static String stats(Stats s) {
        return String.format(Locale.ROOT, "{\"count\": %d, \"p50\": %.3f, \"p95\": %.3f, \"max\": %.3f}", s.count(), s.p50(),
                s.p95(), s.max());
    }
}
