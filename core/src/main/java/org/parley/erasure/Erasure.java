package org.parley.erasure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.model.ArchivedMessage;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.model.Version;
import org.parley.search.SearchIndex;
import org.parley.store.Store;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The removal of a post on request. The post's row stays in its thread as a tombstone
 * ("removed on request on DATE"), its replies stay; its content goes from everywhere the
 * forum keeps it: the archive's text and subject, the raw message and its attachments, the
 * search index, held-message lists, copies still waiting to be sent, mail that came back
 * with it (bounces), and on request its translations. An audit entry says who, when and
 * why. Copies already delivered to members' mailboxes are out of reach.
 *
 * <p>After the transaction, the tables and the index are rewritten so that no file of the
 * data folder (and so no later backup) still holds the erased bytes.
 */
public final class Erasure {
    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);
    /** Bounces and forwarded notices come back within days; this far after a post they are looked for. */
    private static final Duration ECHOES = Duration.ofDays(30);
    /** The tables an erasure changes, rewritten afterwards. */
    private static final List<String> TABLES = List.of("MESSAGES", "ATTACHMENTS", "THREADS", "INBOUND", "HELD", "MAILINGS");

    /** What is asked: by whom, through which door, why, and whether the translations go too. */
    public record Request(String actor, Channel channel, String reason, boolean translations) {
    }

    /** What was erased: the post, its translations, and the copies and echoes of it stopped or dropped. */
    public record Erased(List<ArchivedMessage> messages, int mailingsStopped, int arrivalsCleared) {
    }

    private final Store store;
    private final SearchIndex index;
    private final Clock clock;

    public Erasure(Store store, SearchIndex index, Clock clock) {
        this.store = store;
        this.index = index;
        this.clock = clock;
    }

    /** Erases one archived post (and its translations if asked) in one transaction, then rewrites the files. */
    public Outcome<Erased> erase(ArchivedMessage message, Request request) {
        return store.write(tx -> erase(tx, message, request));
    }

    /**
     * Erases one archived post (and its translations if asked) in the caller's transaction;
     * the files are rewritten once it commits.
     */
    public Outcome<Erased> erase(Tx tx, ArchivedMessage message, Request request) {
        if (message.erased().isPresent()) {
            return new Refusal<>("refused.erased-already", Map.of());
        }
        if (request.reason() == null || request.reason().isBlank()) {
            return new Refusal<>("refused.erase-reason", Map.of());
        }
        List<ArchivedMessage> targets = new ArrayList<>(List.of(message));
        if (request.translations()) {
            List<Long> ids = tx.versions().of(message.id()).stream()
                    .filter(v -> v.kind() == Version.Kind.TRANSLATION && v.messageId() != message.id())
                    .map(Version::messageId).toList();
            tx.archive().byIds(ids).stream().filter(m -> m.erased().isEmpty()).forEach(targets::add);
        }
        Erased erased = eraseAll(tx, targets, request);
        rewriteFilesAfter(tx);
        return new Outcome.Applied<>(erased);
    }

    /** Erases posts that are not erased yet, in the caller's transaction; the files are rewritten once it commits. */
    public Erased eraseEach(Tx tx, List<ArchivedMessage> messages, Request request) {
        Erased erased = eraseAll(tx, messages.stream().filter(m -> m.erased().isEmpty()).toList(), request);
        if (!erased.messages().isEmpty()) {
            rewriteFilesAfter(tx);
        }
        return erased;
    }

    private Erased eraseAll(Tx tx, List<ArchivedMessage> targets, Request request) {
        int stopped = 0;
        int cleared = 0;
        Instant now = clock.instant();
        tx.outbox().clearSent(now, Duration.ZERO);
        for (ArchivedMessage m : targets) {
            int[] counts = eraseOne(tx, m, request, now);
            stopped += counts[0];
            cleared += counts[1];
        }
        return new Erased(List.copyOf(targets), stopped, cleared);
    }

    /** Rewrites the files the erased bytes were in, once the transaction is committed. */
    public void rewriteFilesAfter(Tx tx) {
        rewriteFilesAfter(tx, TABLES);
    }

    /** Rewrites the index and these tables' files once the transaction is committed. */
    public void rewriteFilesAfter(Tx tx, List<String> tables) {
        // Derby keeps a replaced value in its pages until they are reused, Lucene a deleted
        // document's words until its segment is merged.
        tx.afterCommit(() -> {
            index.purgeDeleted();
            store.reclaim(tables);
        });
    }

    private int[] eraseOne(Tx tx, ArchivedMessage m, Request request, Instant now) {
        List<byte[]> traces = List.of(m.messageId().getBytes(StandardCharsets.UTF_8), m.hash().getBytes(StandardCharsets.UTF_8));
        tx.archive().erase(m, now, request.actor(), request.reason());
        tx.arrivals().clear(m.arrivalId());
        tx.held().forgetSubject(m.arrivalId());
        int stopped = tx.outbox().cancelCarrying(traces, now).size();
        Instant until = m.archivedAt().plus(ECHOES).isBefore(now) ? m.archivedAt().plus(ECHOES) : now;
        List<Long> echoes = tx.arrivals().carrying(m.arrivalId(), until, traces);
        echoes.forEach(tx.arrivals()::clear);
        tx.audit().add(new AuditEntry(0, m.list(), request.actor(), now, "erase", request.reason(), request.channel(),
                "erased " + m.messageId() + " (copies stopped: " + stopped + ", returned mail cleared: " + echoes.size() + ")"));
        tx.afterCommit(() -> index.delete(m.id()));
        LOG.info("erased message-id={} list={} archive-id={} by={} channel={} mailings-stopped={} arrivals-cleared={}",
                m.messageId(), m.list(), m.id(), request.actor(), request.channel().label(), stopped, echoes.size());
        return new int[] {stopped, echoes.size()};
    }
}
