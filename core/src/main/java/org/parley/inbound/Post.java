package org.parley.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An incoming message, read once on its way in: the headers the rules ask about, decoded,
 * the first readable text, the files it carries (for the archive), and its header fields
 * split from its body as raw bytes (for the list copy, which must change nothing else).
 */
public record Post(
        String messageId,
        boolean messageIdGenerated,
        String fromAddress,
        String fromName,
        String subject,
        Optional<Instant> sentAt,
        String inReplyTo,
        List<String> references,
        Headers headers,
        long size,
        String text,
        List<String> problems,
        List<File> files,
        RawMessage source) {

    /** A file in the message: which leaf part it is, and what it says it is. */
    public record File(int part, String filename, String contentType, long size, String contentId) {
    }

    /** The few header values the rules and handlers look at, raw or decoded as noted. */
    public record Headers(List<String> listIds, List<String> loops, String autoSubmitted, String precedence,
                          String xAutoResponseSuppress, String threadIndex) {
        public Headers {
            listIds = List.copyOf(listIds);
            loops = List.copyOf(loops);
        }

        /** Whether one of our own lists at this domain already sent it (our X-Parley-Loop header). */
        public boolean loopsThrough(String domain) {
            String ours = "@" + domain.toLowerCase(Locale.ROOT);
            return loops.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).endsWith(ours));
        }
    }

    public Post {
        references = List.copyOf(references);
        problems = List.copyOf(problems);
        files = List.copyOf(files);
    }

    /**
     * The post as the archive dates it at {@code now}: by its own Date, unless it has none, or
     * one more than a day ahead (a sender's clock gone wrong, or a date set to keep a thread on
     * top of its list for ever), where {@code otherwise} dates it. A day allows for clocks and
     * mistyped time zones.
     */
    public Post datedAt(Instant now, Supplier<Instant> otherwise) {
        boolean believable = sentAt.filter(date -> !date.isAfter(now.plus(Duration.ofDays(1)))).isPresent();
        return believable ? this : dated(otherwise.get());
    }

    /** The same post with this date, for a post that had none of its own (RFC 5322 requires one). */
    public Post dated(Instant date) {
        return new Post(messageId, messageIdGenerated, fromAddress, fromName, subject, Optional.of(date), inReplyTo,
                references, headers, size, text, problems, files, source);
    }

    /** Whether the parser could read enough of the message to judge it. */
    public boolean readable() {
        return problems.isEmpty();
    }

    /** Whether a program, not a person, wrote it (RFC 3834 and the common older signs). */
    public boolean automatic() {
        String auto = headers.autoSubmitted().toLowerCase(Locale.ROOT);
        String precedence = headers.precedence().toLowerCase(Locale.ROOT);
        return (!auto.isEmpty() && !auto.startsWith("no"))
                || precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")
                || fromAddress.startsWith("mailer-daemon@") || fromAddress.startsWith("postmaster@");
    }

    /** Every Message-ID this post says it answers, nearest first. */
    public List<String> ancestors() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        if (!inReplyTo.isEmpty()) {
            ids.add(inReplyTo);
        }
        for (int i = references.size() - 1; i >= 0; i--) {
            ids.add(references.get(i));
        }
        return List.copyOf(ids);
    }
}
