package org.parley.bench;

import java.util.Locale;

/**
 * Rounds of work sent to the server until its JIT compiler has caught up, so that a part is
 * measured as a server runs for days, not in its first minute. On a machine of two cores the
 * one optimising compiler thread takes a minute or more of load to compile the mail path
 * (Derby, EclipseLink, Lucene, Mime4j), and while it does it takes half a core from the
 * work being measured. A fixed number of warm-up posts was done in seconds, long before.
 */
final class WarmUp {
    /** Quiet: the server's compilers were busy for less than this share of a round's time. */
    private static final double QUIET = 0.10;

    /** A round of warm-up work: sent and waited for. */
    interface Round {
        void run() throws Exception;
    }

    /**
     * What the warm-up took: rounds and seconds, the first round's seconds (the work done by a
     * cold JIT), and the compilers' share of the last round's time.
     */
    record Outcome(int rounds, double seconds, double firstRoundSeconds, double lastShare) {
        /** None: the part is measured cold. */
        static final Outcome NONE = new Outcome(0, 0, 0, 0);

        /** Whether the last round was quiet, rather than the warm-up stopping at its limit (or not run). */
        boolean quiet() {
            return rounds > 0 && lastShare < QUIET;
        }

        /** As the report says it. */
        String describe() {
            if (rounds == 0) {
                return "none, JIT cold";
            }
            return String.format(Locale.ROOT, "%d round%s in %.0f s, %s (JIT %.1f %% of the last)", rounds,
                    rounds == 1 ? "" : "s", seconds, quiet() ? "JIT quiet" : "JIT still busy at the limit",
                    lastShare * 100);
        }
    }

    private WarmUp() {
    }

    /**
     * Runs rounds until one in which the server compiled less than {@link #QUIET} of the time,
     * at least one round and at most {@code maxRounds}, or until {@code maxSeconds} have passed.
     */
    static Outcome untilQuiet(ServerProcess server, Round round, int maxRounds, long maxSeconds) throws Exception {
        long start = System.nanoTime();
        int rounds = 0;
        double firstRound = 0;
        Outcome outcome;
        do {
            double compiledBefore = server.compilationMillis();
            long roundStart = System.nanoTime();
            round.run();
            rounds++;
            double wallMillis = (System.nanoTime() - roundStart) / 1e6;
            if (rounds == 1) {
                firstRound = wallMillis / 1000;
            }
            double share = (server.compilationMillis() - compiledBefore) / Math.max(1, wallMillis);
            outcome = new Outcome(rounds, MailBench.seconds(System.nanoTime() - start), firstRound, share);
        } while (!outcome.quiet() && rounds < maxRounds && System.nanoTime() - start < maxSeconds * 1_000_000_000L);
        return outcome;
    }
}
